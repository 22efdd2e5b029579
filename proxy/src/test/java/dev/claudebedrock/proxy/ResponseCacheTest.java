package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact-match response cache, in-process: what is cached, how it is replayed, who shares it, how long. */
class ResponseCacheTest {
  private static final String OTHER_KEY = "another-client-key-0001";
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    String hash = HexFormat.of().formatHex(ClientKey.sha256(OTHER_KEY));
    harness = GatewayHarness.start("auth:\n  keys:\n    - {name: other, sha256: " + hash + "}\n"
        + "cache: {ttl_seconds: 2}\n", Map.of());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.clearRequests();
  }

  @Test
  void answersTheSecondIdenticalDeterministicRequestWithoutCallingBedrock() {
    String body = deterministic("What is 2+2?", false);
    HttpResponse<String> first = harness.post("/v1/messages", body);
    HttpResponse<String> second = harness.post("/v1/messages", body);

    assertThat(first.headers().firstValue("x-cache")).hasValue("MISS");
    assertThat(second.headers().firstValue("x-cache")).hasValue("HIT");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(harness.sim.requests()).hasSize(1);
  }

  @Test
  void ignoresMetadataSoSessionIdsDoNotDefeatIt() {
    harness.post("/v1/messages", deterministic("Same question", false).replace("{\"model\"",
        "{\"metadata\":{\"user_id\":\"session-1\"},\"model\""));
    HttpResponse<String> again = harness.post("/v1/messages",
        deterministic("Same question", false).replace("{\"model\"",
            "{\"metadata\":{\"user_id\":\"session-2\"},\"model\""));
    assertThat(again.headers().firstValue("x-cache")).hasValue("HIT");
    assertThat(harness.sim.requests()).hasSize(1);
  }

  @Test
  void replaysAStreamAsTheSameEvents() throws Exception {
    String body = deterministic("Stream it [[sim:tokens=7]]", true);
    List<SseEvents.Event> live = SseEvents.readAll(stream(body, GatewayHarness.TOKEN).body());
    HttpResponse<InputStream> replayed = stream(body, GatewayHarness.TOKEN);
    List<SseEvents.Event> replay = SseEvents.readAll(replayed.body());

    assertThat(replayed.headers().firstValue("x-cache")).hasValue("HIT");
    assertThat(replay).extracting(SseEvents.Event::name).isEqualTo(live.stream().map(SseEvents.Event::name).toList());
    assertThat(replay).extracting(SseEvents.Event::data).isEqualTo(live.stream().map(SseEvents.Event::data).toList());
    assertThat(harness.sim.requests()).hasSize(1);
  }

  @Test
  void keepsEachClientsAnswersApart() {
    String body = deterministic("Private question", false);
    harness.post("/v1/messages", body);
    HttpResponse<String> other = harness.post("/v1/messages", body, "authorization", "Bearer " + OTHER_KEY);
    assertThat(other.headers().firstValue("x-cache")).hasValue("MISS");
    assertThat(harness.sim.requests()).hasSize(2);
  }

  @Test
  void cachesOnlyDeterministicRequestsUnlessTheyOptIn() {
    String sampled = StreamingTest.body(false, "Be creative");
    harness.post("/v1/messages", sampled);
    HttpResponse<String> again = harness.post("/v1/messages", sampled);
    assertThat(again.headers().firstValue("x-cache")).isEmpty();
    assertThat(harness.sim.requests()).hasSize(2);

    harness.post("/v1/messages", sampled, "x-gateway-cache", "use");
    assertThat(harness.post("/v1/messages", sampled, "x-gateway-cache", "use").headers().firstValue("x-cache"))
        .hasValue("HIT");
    assertThat(harness.post("/v1/messages", deterministic("Bypass me", false), "x-gateway-cache", "bypass")
        .headers().firstValue("x-cache")).isEmpty();
  }

  @Test
  void forgetsAnswersAfterTheirTimeToLive() throws Exception {
    String body = deterministic("Short-lived", false);
    harness.post("/v1/messages", body);
    Thread.sleep(2_500);
    assertThat(harness.post("/v1/messages", body).headers().firstValue("x-cache")).hasValue("MISS");
    assertThat(harness.sim.requests()).hasSize(2);
  }

  @Test
  void reportsTheHitRate() {
    try (GatewayHarness own = GatewayHarness.start()) {
      String body = deterministic("Rate me", false);
      own.post("/v1/messages", body);
      own.post("/v1/messages", body);
      String metrics = own.get("/metrics", false).body();
      assertThat(MetricsTest.value(metrics, "gateway_cache_hit_rate")).isEqualTo(0.5);
      assertThat(MetricsTest.value(metrics, "gateway_cache_lookups_total{result=\"hit\"}")).isEqualTo(1);
      assertThat(MetricsTest.value(metrics, "gateway_cache_lookups_total{result=\"miss\"}")).isEqualTo(1);
    }
  }

  static String deterministic(String text, boolean stream) {
    return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":256,\"temperature\":0,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }

  private static HttpResponse<InputStream> stream(String body, String token) throws Exception {
    return harness.http().send(HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
