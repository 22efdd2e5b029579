package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One client key cannot take every place of the gateway: beyond {@code admission.max_in_flight_per_key} requests
 * holding or waiting for a place, its requests get 429 {@code rate_limit_error} with {@code retry-after} in the
 * shape of the API they came in on, while other keys are still admitted; a key's count goes back to zero however its
 * requests end. Over real sockets against the simulator.
 */
class KeyInFlightCapTest {
  private static final String ALICE = "alice-key-0123456789abcdef";
  private static final String BOB = "bob-key-0123456789abcdef";
  private static final String LIMITS = """
      admission: {max_in_flight: 10, max_in_flight_per_key: 2, retry_after_seconds: 1}
      auth:
        keys:
          - {name: alice, sha256: %s}
          - {name: bob, sha256: %s}
      """.formatted(hash(ALICE), hash(BOB));

  @Test
  void aKeyAtItsCapIsRefusedWith429InEachApisShapeWhileAnotherKeyIsStillAdmitted() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(LIMITS, GatewayHarness.NO_RETRIES)) {
      harness.sim.timing(Duration.ofSeconds(2), 0);
      List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        holding.add(sendAsync(harness, ALICE, "/v1/messages", StreamingTest.body(false, "hold " + i)));
      }
      harness.sim.awaitRequests(2, Duration.ofSeconds(10));

      HttpResponse<String> messages = post(harness, ALICE, "/v1/messages", StreamingTest.body(false, "third"));
      assertThat(messages.statusCode()).isEqualTo(429);
      assertThat(messages.headers().firstValue("retry-after")).hasValue("1");
      JsonNode error = Json.MAPPER.readTree(messages.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
      assertThat(error.path("message").asText()).contains("as many requests in progress as one key may have");

      HttpResponse<String> chat = post(harness, ALICE, "/v1/chat/completions",
          "{\"model\":\"sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"third\"}]}");
      assertThat(chat.statusCode()).isEqualTo(429);
      assertThat(chat.headers().firstValue("retry-after")).hasValue("1");
      JsonNode openAiError = Json.MAPPER.readTree(chat.body()).path("error");
      assertThat(openAiError.path("type").asText()).isEqualTo("rate_limit_error");
      assertThat(openAiError.path("code").asText()).isEqualTo("rate_limit_exceeded");

      HttpResponse<String> bedrock = post(harness, ALICE,
          "/bedrock/model/" + BedrockPassthroughTest.HAIKU + "/invoke", BedrockPassthroughTest.invokeBody("third"));
      assertThat(bedrock.statusCode()).isEqualTo(429);
      assertThat(bedrock.headers().firstValue("x-amzn-ErrorType").orElseThrow()).startsWith("ThrottlingException");
      assertThat(bedrock.headers().firstValue("retry-after")).hasValue("1");

      // Bob is another key: admitted while Alice is at her cap, and the gateway is not reported saturated.
      CompletableFuture<HttpResponse<String>> bob = sendAsync(harness, BOB, "/v1/messages",
          StreamingTest.body(false, "bob"));
      assertThat(harness.get("/health/ready", false).statusCode()).isEqualTo(200);
      assertThat(bob.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      for (CompletableFuture<HttpResponse<String>> response : holding) {
        assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }

      String metrics = harness.get("/metrics", false).body();
      assertThat(MetricsTest.value(metrics,
          "gateway_requests_shed_total{reason=\"key_in_flight\",route=\"/v1/messages\"}")).isEqualTo(1.0);
      assertThat(MetricsTest.value(metrics,
          "gateway_requests_shed_total{reason=\"key_in_flight\",route=\"/v1/chat/completions\"}")).isEqualTo(1.0);
      assertThat(MetricsTest.value(metrics,
          "gateway_requests_shed_total{reason=\"key_in_flight\",route=\"bedrock\"}")).isEqualTo(1.0);
    }
  }

  @Test
  void aKeysCountComesBackToZeroAfterCompletionsFailuresClientAbortsAndStreamEnds() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(LIMITS, GatewayHarness.NO_RETRIES)) {
      // Completed, whole and streamed.
      assertThat(post(harness, ALICE, "/v1/messages", StreamingTest.body(false, "done")).statusCode()).isEqualTo(200);
      assertThat(SseEvents.readAll(stream(harness, "streamed [[sim:tokens=5]]").body()).getLast().name())
          .isEqualTo("message_stop");
      // Failed: an error answer, and a stream that breaks after its first events.
      harness.sim.faults().script(FaultScript.httpError(ErrorType.INTERNAL_SERVER));
      assertThat(post(harness, ALICE, "/v1/messages", StreamingTest.body(false, "fails")).statusCode())
          .isEqualTo(500);
      harness.sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.INTERNAL_SERVER, 2));
      assertThat(SseEvents.readAll(stream(harness, "breaks [[sim:tokens=8]]").body()).getLast().name())
          .isEqualTo("error");
      // Client aborts: a whole answer the client stops waiting for, and a stream it leaves mid-way.
      harness.sim.faults().script(FaultScript.delay(Duration.ofSeconds(20)));
      abandon(harness, StreamingTest.body(false, "abandoned"));
      assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10))).isNotNull();
      harness.sim.timing(Duration.ZERO, 10);
      HttpResponse<InputStream> leaving = stream(harness, "a long answer [[sim:tokens=200]]");
      assertThat(SseEvents.read(leaving.body(), 3)).hasSize(3);
      leaving.body().close();
      assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10))).isNotNull();
      harness.sim.timing(Duration.ZERO, 0);
      awaitNothingInFlight(harness);

      // Alice holds her whole cap again, and no more: nothing of hers leaked.
      harness.sim.timing(Duration.ofSeconds(2), 0);
      harness.sim.clearRequests();
      List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        holding.add(sendAsync(harness, ALICE, "/v1/messages", StreamingTest.body(false, "again " + i)));
      }
      harness.sim.awaitRequests(2, Duration.ofSeconds(10));
      assertThat(post(harness, ALICE, "/v1/messages", StreamingTest.body(false, "third")).statusCode())
          .isEqualTo(429);
      for (CompletableFuture<HttpResponse<String>> response : holding) {
        assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
  }

  /** Sends a whole-answer request on a raw socket and closes it once the simulator has the upstream request. */
  private static void abandon(GatewayHarness harness, String json) throws Exception {
    harness.sim.clearRequests();
    try (Socket socket = new Socket("127.0.0.1", harness.gateway.port())) {
      socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: gateway\r\n"
          + "content-type: application/json\r\nx-api-key: " + ALICE + "\r\n"
          + "content-length: " + json.length() + "\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      harness.sim.awaitRequests(1, Duration.ofSeconds(5));
    }
  }

  private static void awaitNothingInFlight(GatewayHarness harness) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    double inFlight;
    do {
      inFlight = MetricsTest.value(harness.get("/metrics", false).body(), "gateway_admission_in_flight");
      if (inFlight == 0) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertThat(inFlight).as("requests holding a place once every request has ended").isZero();
  }

  private static HttpResponse<InputStream> stream(GatewayHarness harness, String text) throws Exception {
    return harness.http().send(request(harness, ALICE, "/v1/messages", StreamingTest.body(true, text)),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private static HttpResponse<String> post(GatewayHarness harness, String key, String path, String body) {
    return harness.send(request(harness, key, path, body));
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(GatewayHarness harness, String key, String path,
      String body) {
    return harness.http().sendAsync(request(harness, key, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(GatewayHarness harness, String key, String path, String body) {
    return HttpRequest.newBuilder(URI.create(harness.url() + path))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String hash(String key) {
    return HexFormat.of().formatHex(ClientKey.sha256(key));
  }
}
