package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.faults.FaultScript;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retries on one target: bounded by attempts and by the time budget, with Bedrock's hints honoured. */
class RetryBudgetTest {

  @Test
  void retriesTransientFailuresUpToMaxAttempts() {
    try (GatewayHarness harness = GatewayHarness.start(
        "retry: {max_attempts: 3, initial_backoff_ms: 5, max_backoff_ms: 10}\n", Map.of())) {
      harness.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING).times(10));
      HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "again and again"));
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(harness.sim.requests()).hasSize(3);

      harness.sim.faults().clear();
      harness.sim.clearRequests();
      harness.sim.faults().script(FaultScript.httpError(ErrorType.INTERNAL_SERVER));
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "once")).statusCode()).isEqualTo(200);
      assertThat(harness.sim.requests()).hasSize(2);
    }
  }

  @Test
  void givesUpWhenBedrocksRetryAfterHintExceedsTheBudget() {
    try (GatewayHarness harness = GatewayHarness.start(
        "retry: {max_attempts: 5, budget_ms: 2000, initial_backoff_ms: 5, max_backoff_ms: 10}\n", Map.of())) {
      harness.sim.faults().script(FaultScript.of(new Fault.HttpError(ErrorType.THROTTLING, "slow down", 30,
          Map.of(), Map.of())).times(10));
      HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "patience"));
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("retry-after")).hasValue("30");
      assertThat(harness.sim.requests()).as("a 30 s wait does not fit a 2 s budget").hasSize(1);
    }
  }

  @Test
  void neverRetriesARequestBedrockCallsInvalid() {
    try (GatewayHarness harness = GatewayHarness.start("retry: {max_attempts: 5}\n", Map.of())) {
      harness.sim.faults().script(FaultScript.httpError(ErrorType.VALIDATION).times(5));
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "wrong")).statusCode()).isEqualTo(400);
      assertThat(harness.sim.requests()).hasSize(1);
    }
  }
}
