package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Past its capacity the gateway refuses quickly instead of slowing down without bound: a bounded number of requests
 * in flight, a bounded queue with a deadline, then 529 {@code overloaded_error} with {@code retry-after} (503
 * {@code ServiceUnavailableException} on {@code /bedrock}); readiness turns 503 while saturated and everything
 * recovers once the load is gone. Over real sockets against the simulator, slowed down so places stay taken.
 */
class OverloadTest {
  private static final String LIMITS = """
      admission:
        max_in_flight: 4
        queue_size: 4
        queue_timeout_ms: 3000
        retry_after_seconds: 1
      """;

  @Test
  void requestsBeyondCapacityGet529WithinTheQueueDeadlineReadinessTurns503AndTheGatewayRecovers() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(LIMITS, Map.of())) {
      // Answers in 5 s, waits end at 3 s: seconds of margin either way for a loaded machine.
      harness.sim.timing(Duration.ofSeconds(5), 0);
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        sent.add(sendAsync(harness, "/v1/messages", StreamingTest.body(false, "overload " + i)));
        if (i == 7) {
          // The first four hold every place and the next four wait: saturated, so not ready. Waits until all eight
          // have arrived (a loaded machine may take longer than a moment), so the last four find the queue full.
          HttpResponse<String> ready = awaitReadiness(harness, "4 of 4 requests in flight, 4 waiting");
          assertThat(ready.statusCode()).isEqualTo(503);
          assertThat(Json.MAPPER.readTree(ready.body()).path("checks").path("admission").asText())
              .contains("4 of 4 requests in flight, 4 waiting");
          assertThat(harness.get("/health/live", false).statusCode()).isEqualTo(200);
        }
      }
      List<HttpResponse<String>> refused = new ArrayList<>();
      List<HttpResponse<String>> served = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> response : sent) {
        HttpResponse<String> answer = response.get(20, TimeUnit.SECONDS);
        (answer.statusCode() == 529 ? refused : served).add(answer);
      }
      assertThat(served).hasSize(4).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
      assertThat(refused).hasSize(8).allSatisfy(r -> {
        assertThat(r.headers().firstValue("retry-after")).hasValue("1");
        JsonNode error = Json.MAPPER.readTree(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("overloaded_error");
        assertThat(error.path("message").asText()).startsWith("The gateway is overloaded");
      });
      String metrics = harness.get("/metrics", false).body();
      assertThat(metrics)
          .contains("gateway_requests_shed_total{reason=\"queue_full\",route=\"/v1/messages\"} 4.0")
          .contains("gateway_requests_shed_total{reason=\"queue_timeout\",route=\"/v1/messages\"} 4.0");

      // Recovery: once the load is gone, ready again and serving.
      harness.sim.timing(Duration.ZERO, 0);
      assertThat(harness.get("/health/ready", false).statusCode()).isEqualTo(200);
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "after")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRefusedRequestIsAnsweredBeforeTheRequestsHoldingThePlacesFinish() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(LIMITS, Map.of())) {
      harness.sim.timing(Duration.ofSeconds(5), 0);
      List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        holding.add(sendAsync(harness, "/v1/messages", StreamingTest.body(false, "hold " + i)));
      }
      Thread.sleep(200);
      // The queue is full: refused at once, long before the five-second answers come.
      HttpResponse<String> refused = harness.post("/v1/messages", StreamingTest.body(false, "one more"));
      assertThat(refused.statusCode()).isEqualTo(529);
      assertThat(holding.stream().filter(CompletableFuture::isDone)
          .filter(f -> f.join().statusCode() == 200)).isEmpty();
      for (CompletableFuture<HttpResponse<String>> response : holding) {
        response.get(20, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aWaitingRequestTakesAPlaceThatComesFreeInTime() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start("""
        admission: {max_in_flight: 1, queue_size: 4, queue_timeout_ms: 10000}
        """, Map.of())) {
      harness.sim.timing(Duration.ofMillis(300), 0);
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sent.add(sendAsync(harness, "/v1/messages", StreamingTest.body(false, "in turn " + i)));
      }
      for (CompletableFuture<HttpResponse<String>> response : sent) {
        assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void thePassThroughRefusesInBedrocksShapeWithAStatusAwsSdksRetry() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start("""
        admission: {max_in_flight: 1, queue_size: 0}
        """, Map.of())) {
      harness.sim.timing(Duration.ofSeconds(2), 0);
      String path = "/bedrock/model/" + BedrockPassthroughTest.HAIKU + "/invoke";
      CompletableFuture<HttpResponse<String>> holding = sendAsync(harness, path,
          BedrockPassthroughTest.invokeBody("hold"));
      Thread.sleep(300);
      HttpResponse<String> refused = harness.post(path, BedrockPassthroughTest.invokeBody("refused"));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("x-amzn-ErrorType").orElseThrow())
          .startsWith("ServiceUnavailableException");
      assertThat(refused.headers().firstValue("retry-after")).hasValue("2");
      assertThat(Json.MAPPER.readTree(refused.body()).path("message").asText()).startsWith("The gateway is overloaded");
      assertThat(holding.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theMantlePassThroughTakesAPlaceLikeEveryOtherModelRoute() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(
        SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).build(),
        "admission: {max_in_flight: 1, queue_size: 0}\n",
        url -> Map.of("BEDROCK_PROXY_AWS_MANTLE_ENDPOINT", url + "/anthropic"))) {
      harness.sim.timing(Duration.ofSeconds(2), 0);
      String body = MantlePassthroughTest.BODY.formatted("false");
      CompletableFuture<HttpResponse<String>> holding = sendAsync(harness, "/mantle/v1/messages", body);
      Thread.sleep(300);
      HttpResponse<String> refused = harness.post("/mantle/v1/messages", body);
      assertThat(refused.statusCode()).isEqualTo(529);
      assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("type").asText())
          .isEqualTo("overloaded_error");
      assertThat(holding.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(harness.get("/metrics", false).body())
          .contains("gateway_requests_shed_total{reason=\"queue_full\",route=\"/mantle/v1/messages\"} 1.0")
          .contains(
              "gateway_requests_shed_total{reason=\"queue_full\",route=\"/mantle/v1/messages/count_tokens\"} 0.0");
    }
  }

  @Test
  void requestBodiesBeyondTheGatewaysBodyBudgetAreRefusedAndTheBudgetComesBack() {
    try (GatewayHarness harness = GatewayHarness.start("""
        admission: {max_body_mb_in_flight: 1}
        """, Map.of())) {
      String large = StreamingTest.body(false, "x".repeat(1_200_000));
      HttpResponse<String> refused = harness.post("/v1/messages", large);
      assertThat(refused.statusCode()).isEqualTo(529);
      assertThat(refused.body()).contains("overloaded_error", "request bodies");
      assertThat(harness.get("/metrics", false).body())
          .contains("gateway_requests_shed_total{reason=\"body_bytes\",route=\"/v1/messages\"} 1.0")
          .contains("gateway_admission_body_bytes 0.0");
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "small")).statusCode()).isEqualTo(200);
    }
  }

  /** Polls readiness (at most ten seconds) until its admission check reads {@code state}; the last answer. */
  private static HttpResponse<String> awaitReadiness(GatewayHarness harness, String state) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<String> ready;
    do {
      ready = harness.get("/health/ready", false);
      if (Json.MAPPER.readTree(ready.body()).path("checks").path("admission").asText().contains(state)) {
        return ready;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return ready;
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(GatewayHarness harness, String path, String body) {
    return harness.http().sendAsync(HttpRequest.newBuilder(URI.create(harness.url() + path))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header("authorization", "Bearer " + GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
