package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.Blackhole;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Bedrock that accepts connections and never answers (a black hole): a {@code /v1} stream gets
 * its 200 and pings after {@code streaming.commit_after_ms}, so nothing on the way cuts it for
 * silence, fails over behind the pings when another target can serve, and otherwise ends with a
 * {@code timeout_error} event after {@code upstream.stream_first_byte_timeout_ms}, which is
 * separate from the non-streaming first-byte timeout.
 */
class SilentBedrockTest {
  private static final Map<String, String> FAST_CLOCKS = Map.of(
      "BEDROCK_PROXY_STREAMING_COMMIT_AFTER_MS", "300",
      "BEDROCK_PROXY_STREAMING_PING_INTERVAL_MS", "200",
      "BEDROCK_PROXY_UPSTREAM_STREAM_FIRST_BYTE_TIMEOUT_MS", "1500",
      "BEDROCK_PROXY_UPSTREAM_FIRST_BYTE_TIMEOUT_MS", "1000",
      "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1");

  @Test
  void aStreamWaitingOnASilentBedrockGetsItsHeadersAndPingsThenATimeoutEvent() throws Exception {
    try (Blackhole blackhole = new Blackhole();
        GatewayHarness harness = GatewayHarness.start("", with(FAST_CLOCKS, "BEDROCK_ENDPOINT", blackhole.url()))) {
      HttpResponse<InputStream> response = harness.http().send(stream(harness, "anyone there?"),
          HttpResponse.BodyHandlers.ofInputStream());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/event-stream"));
      List<SseEvents.Event> events = SseEvents.readAll(response.body());
      assertThat(SseEvents.names(events)).as("pings while Bedrock is silent, then the timeout")
          .startsWith("ping", "ping").endsWith("error").containsOnly("ping", "error");
      assertThat(events.get(events.size() - 1).data()).contains("timeout_error").contains("1500 ms")
          .doesNotContain("127.0.0.1");
      assertThat(blackhole.accepted()).isEqualTo(1);
    }
  }

  @Test
  void aNonStreamingRequestKeepsItsHttpStatusAndItsOwnFirstByteTimeout() throws Exception {
    try (Blackhole blackhole = new Blackhole();
        GatewayHarness harness = GatewayHarness.start("", with(FAST_CLOCKS, "BEDROCK_ENDPOINT", blackhole.url()))) {
      HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "anyone there?"));

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.body()).contains("timeout_error").contains("1000 ms");
    }
  }

  @Test
  void withCommitAfterZeroAStreamThatFailsKeepsItsHttpStatus() throws Exception {
    try (Blackhole blackhole = new Blackhole();
        GatewayHarness harness = GatewayHarness.start("", with(with(FAST_CLOCKS, "BEDROCK_ENDPOINT",
            blackhole.url()), "BEDROCK_PROXY_STREAMING_COMMIT_AFTER_MS", "0"))) {
      HttpResponse<String> response = harness.send(stream(harness, "anyone there?"));

      assertThat(response.statusCode()).as("commit_after_ms 0: never committed early").isEqualTo(504);
      assertThat(response.body()).contains("timeout_error");
    }
  }

  @Test
  void failsOverBehindThePingsWhenAnotherTargetCanServe() throws Exception {
    try (Blackhole blackhole = new Blackhole();
        BedrockSimulator eu = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0)
            .region("eu-west-1").build());
        GatewayHarness harness = GatewayHarness.start("""
            targets:
              eu: {region: eu-west-1, endpoint: %s}
            routes:
              opus: {models: [claude-opus-5-5], targets: [{target: default}, {target: eu}]}
            """.formatted(eu.baseUrl()), with(with(FAST_CLOCKS, "BEDROCK_ENDPOINT", blackhole.url()),
            "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "2"))) {
      HttpResponse<InputStream> response = harness.http().send(HttpRequest.newBuilder(
          URI.create(harness.url() + "/v1/messages")).header("content-type", "application/json")
          .header("x-api-key", GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-opus-5-5\",\"max_tokens\":64,"
              + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Who serves? [[sim:tokens=3]]\"}]}"))
          .build(), HttpResponse.BodyHandlers.ofInputStream());

      List<String> names = SseEvents.names(SseEvents.readAll(response.body()));
      assertThat(names).startsWith("ping").contains("message_start").endsWith("message_stop")
          .doesNotContain("error");
      assertThat(names.subList(0, names.indexOf("message_start"))).containsOnly("ping");
      assertThat(eu.requests()).hasSize(1);
    }
  }

  @Test
  void aPassthroughStreamToASilentBedrockIsA504InBedrocksShape() throws Exception {
    try (Blackhole blackhole = new Blackhole();
        GatewayHarness harness = GatewayHarness.start("", with(FAST_CLOCKS, "BEDROCK_ENDPOINT", blackhole.url()))) {
      HttpResponse<String> response = harness.send(HttpRequest.newBuilder(URI.create(harness.url()
          + "/bedrock/model/" + BedrockPassthroughTest.HAIKU + "/invoke-with-response-stream"))
          .header("x-api-key", GatewayHarness.TOKEN).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(BedrockPassthroughTest.invokeBody("anyone?"))).build());

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(
          type -> assertThat(type).startsWith("ModelTimeoutException:"));
      assertThat(response.body()).contains("1500 ms");
    }
  }

  private static HttpRequest stream(GatewayHarness harness, String text) {
    return HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages")).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(true, text))).build();
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> env = new java.util.HashMap<>(base);
    env.put(key, value);
    return env;
  }
}
