package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body the gateway accepts (server.max_body_mb, 32 MiB by default) but Bedrock would not
 * (25,000,000 bytes) is refused with 413 up front, in each route's shape, and never sent.
 */
class BedrockBodyLimitTest {
  private static final String OVER_BEDROCKS_LIMIT = "x".repeat(25_100_000);
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void forget() {
    harness.sim.clearRequests();
  }

  @Test
  void refusesOnV1WithRequestTooLarge() {
    HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(true, OVER_BEDROCKS_LIMIT));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("request_too_large").contains("Bedrock accepts at most 25000000");
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void refusesOnThePassthroughAsAValidationException() {
    HttpResponse<String> response = harness.post("/bedrock/model/" + BedrockPassthroughTest.HAIKU + "/invoke",
        BedrockPassthroughTest.invokeBody(OVER_BEDROCKS_LIMIT));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(
        type -> assertThat(type).startsWith("ValidationException:"));
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void sendsABodyJustUnderTheLimit() {
    HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "y".repeat(1_000_000)));
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
