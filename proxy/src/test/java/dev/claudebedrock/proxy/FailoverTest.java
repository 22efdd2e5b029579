package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.proxy.testing.TwoRegions;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two regions behind one route: throttling and outages in one are served by the other, before any byte is sent. */
class FailoverTest {
  private static final String OPUS = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":64,\"stream\":%s,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Where am I served? [[sim:tokens=6]]\"}]}";
  private TwoRegions regions;

  /** A fresh pair for every test: circuit breakers remember what earlier requests did. */
  @BeforeEach
  void start() {
    regions = TwoRegions.start("""
        routes:
          opus:
            models: [claude-opus-5-5]
            targets:
              - {target: default}
              - {target: eu}
        retry: {max_attempts: 3, initial_backoff_ms: 10, max_backoff_ms: 20}
        circuit_breaker: {consecutive_failures: 3, open_seconds: 2}
        """, Map.of());
  }

  @AfterEach
  void stop() {
    regions.close();
  }

  @Test
  void servesFromTheOtherRegionWhenOneThrottles() {
    regions.us().faults().script(FaultScript.httpError(ErrorType.THROTTLING));
    HttpResponse<String> response = regions.gateway.post("/v1/messages", OPUS.formatted(false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-gateway-route")).hasValue("opus");
    assertThat(regions.us().requests()).singleElement()
        .satisfies(r -> assertThat(r.rawPath()).isEqualTo("/model/us.anthropic.claude-opus-5-5/invoke"));
    assertThat(regions.eu.requests()).singleElement()
        .satisfies(r -> assertThat(r.rawPath()).isEqualTo("/model/eu.anthropic.claude-opus-5-5/invoke"));
    assertThat(regions.eu.requests().get(0).header("authorization")).contains("/eu-west-1/bedrock/aws4_request");
    String metrics = regions.metrics();
    assertThat(MetricsTest.value(metrics, "gateway_failovers_total{from_target=\"default\",to_target=\"eu\"}"))
        .isGreaterThanOrEqualTo(1);
    assertThat(MetricsTest.value(metrics, "gateway_upstream_attempts_total{outcome=\"throttled\",target=\"default\"}"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void failsOverAStreamWhileNoByteHasReachedTheClient() throws Exception {
    regions.us().faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE));
    HttpResponse<java.io.InputStream> response = regions.gateway.send(streamRequest(),
        HttpResponse.BodyHandlers.ofInputStream());
    List<SseEvents.Event> events = SseEvents.readAll(response.body());

    assertThat(SseEvents.names(events)).startsWith("message_start").endsWith("message_stop");
    assertThat(regions.eu.requests()).singleElement()
        .satisfies(r -> assertThat(r.rawPath()).endsWith("/invoke-with-response-stream"));
  }

  @Test
  void neverRetriesOnceTheFirstByteWentOut() throws Exception {
    regions.us().faults().script(FaultScript.exceptionFrame(StreamExceptionType.SERVICE_UNAVAILABLE, 3));
    HttpResponse<java.io.InputStream> response = regions.gateway.send(streamRequest(),
        HttpResponse.BodyHandlers.ofInputStream());
    List<SseEvents.Event> events = SseEvents.readAll(response.body());

    assertThat(events.get(events.size() - 1).name()).isEqualTo("error");
    assertThat(regions.us().requests()).hasSize(1);
    assertThat(regions.eu.requests()).isEmpty();
  }

  @Test
  void opensTheCircuitOfAFailingRegionMovesTrafficAndRecovers() throws Exception {
    regions.us().faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE).times(3));
    for (int i = 0; i < 3; i++) {
      assertThat(regions.gateway.post("/v1/messages", OPUS.formatted(false)).statusCode()).isEqualTo(200);
    }
    assertThat(regions.us().requests()).hasSize(3);
    assertThat(MetricsTest.value(regions.metrics(), "gateway_circuit_state{target=\"default\"}")).isEqualTo(2);

    assertThat(regions.gateway.post("/v1/messages", OPUS.formatted(false)).statusCode()).isEqualTo(200);
    assertThat(regions.us().requests()).as("an open circuit sends nothing to the region").hasSize(3);
    assertThat(regions.eu.requests()).hasSize(4);

    Thread.sleep(2_200);
    assertThat(regions.gateway.post("/v1/messages", OPUS.formatted(false)).statusCode()).isEqualTo(200);
    assertThat(regions.us().requests()).as("after the open period one probe goes through").hasSize(4);
    assertThat(MetricsTest.value(regions.metrics(), "gateway_circuit_state{target=\"default\"}")).isEqualTo(0);
  }

  @Test
  void withoutPanicRoutingRefusesRequestsAndReportsNotReadyWhenEveryCircuitIsOpen() throws Exception {
    try (TwoRegions fragile = TwoRegions.start("""
        routes:
          opus: {models: [claude-opus-5-5], targets: [{target: default}, {target: eu}]}
        circuit_breaker: {consecutive_failures: 1, open_seconds: 2, panic: false}
        """, Map.of())) {
      fragile.us().faults().script(FaultScript.httpError(ErrorType.INTERNAL_SERVER));
      assertThat(fragile.gateway.post("/v1/messages", OPUS.formatted(false)).statusCode()).isEqualTo(200);
      assertThat(fragile.gateway.get("/health/ready", false).statusCode()).as("eu still serves").isEqualTo(200);

      fragile.eu.faults().script(FaultScript.httpError(ErrorType.INTERNAL_SERVER));
      fragile.gateway.post("/v1/messages", OPUS.formatted(false));
      HttpResponse<String> ready = fragile.gateway.get("/health/ready", false);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("circuit open");
      HttpResponse<String> refused = fragile.gateway.post("/v1/messages", OPUS.formatted(false));
      assertThat(refused.statusCode()).isEqualTo(529);
      assertThat(refused.body()).contains("No Bedrock target can take the request now");

      Thread.sleep(2_200);
      assertThat(fragile.gateway.get("/health/ready", false).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void whenEveryCircuitIsOpenRequestsStillGoThroughAndTheFirstSuccessClosesACircuit() throws Exception {
    try (TwoRegions fragile = TwoRegions.start("""
        routes:
          opus: {models: [claude-opus-5-5], targets: [{target: default}, {target: eu}]}
        retry: {max_attempts: 2, initial_backoff_ms: 10, max_backoff_ms: 20}
        circuit_breaker: {consecutive_failures: 1, open_seconds: 60}
        """, Map.of())) {
      fragile.us().faults().script(FaultScript.httpError(ErrorType.INTERNAL_SERVER));
      fragile.eu.faults().script(FaultScript.httpError(ErrorType.INTERNAL_SERVER));
      assertThat(fragile.gateway.post("/v1/messages", OPUS.formatted(false)).statusCode()).isEqualTo(500);
      String metrics = fragile.metrics();
      assertThat(MetricsTest.value(metrics, "gateway_circuit_state{target=\"default\"}")).isEqualTo(2);
      assertThat(MetricsTest.value(metrics, "gateway_circuit_state{target=\"eu\"}")).isEqualTo(2);
      assertThat(fragile.gateway.get("/health/ready", false).statusCode())
          .as("still ready: requests go through in panic").isEqualTo(200);

      HttpResponse<String> panicked = fragile.gateway.post("/v1/messages", OPUS.formatted(false));

      assertThat(panicked.statusCode()).as("sent to an open circuit, not refused").isEqualTo(200);
      assertThat(fragile.us().requests()).hasSize(2);
      metrics = fragile.metrics();
      assertThat(MetricsTest.value(metrics, "gateway_circuit_state{target=\"default\"}")).isEqualTo(0);
      assertThat(MetricsTest.value(metrics, "gateway_circuit_state{target=\"eu\"}")).as("not tried again").isEqualTo(2);
      assertThat(MetricsTest.value(metrics, "gateway_circuit_transitions_total{target=\"default\",to=\"open\"}"))
          .isEqualTo(1);
      assertThat(MetricsTest.value(metrics, "gateway_circuit_transitions_total{target=\"default\",to=\"closed\"}"))
          .isEqualTo(1);
      assertThat(MetricsTest.value(metrics, "gateway_circuit_transitions_total{target=\"eu\",to=\"open\"}"))
          .isEqualTo(1);
      assertThat(MetricsTest.value(metrics, "gateway_circuit_transitions_total{target=\"eu\",to=\"half_open\"}"))
          .isZero();
    }
  }

  @Test
  void throttlingNeverOpensACircuit() {
    try (TwoRegions busy = TwoRegions.start("""
        routes:
          opus: {models: [claude-opus-5-5], targets: [{target: default}, {target: eu}]}
        retry: {max_attempts: 2, initial_backoff_ms: 10, max_backoff_ms: 20}
        circuit_breaker: {consecutive_failures: 3, open_seconds: 60}
        """, Map.of())) {
      busy.us().faults().script(FaultScript.httpError(ErrorType.THROTTLING).times(5),
          FaultScript.httpError(ErrorType.SERVICE_QUOTA_EXCEEDED).times(5));
      busy.eu.faults().script(FaultScript.httpError(ErrorType.THROTTLING).times(5),
          FaultScript.httpError(ErrorType.MODEL_NOT_READY).times(5));
      for (int i = 0; i < 10; i++) {
        assertThat(busy.gateway.post("/v1/messages", OPUS.formatted(false)).statusCode()).isIn(429, 529);
      }
      assertThat(busy.us().requests()).hasSize(10);
      assertThat(busy.eu.requests()).hasSize(10);

      assertThat(busy.gateway.post("/v1/messages", OPUS.formatted(false)).statusCode()).isEqualTo(200);
      String metrics = busy.metrics();
      assertThat(
          MetricsTest.value(metrics, "gateway_upstream_attempts_total{outcome=\"throttled\",target=\"default\"}"))
          .isEqualTo(10);
      for (String target : List.of("default", "eu")) {
        assertThat(MetricsTest.value(metrics, "gateway_circuit_state{target=\"" + target + "\"}")).isZero();
        assertThat(
            MetricsTest.value(metrics, "gateway_circuit_transitions_total{target=\"" + target + "\",to=\"open\"}"))
            .isZero();
      }
    }
  }

  private java.net.http.HttpRequest streamRequest() {
    return java.net.http.HttpRequest.newBuilder(java.net.URI.create(regions.gateway.url() + "/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(OPUS.formatted(true))).build();
  }
}
