package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.MessageCreateParams;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error Bedrock can answer with reaches the client as the Anthropic error it means. */
class BedrockErrorsTest {
  private static final Map<String, String> NO_RETRIES = GatewayHarness.NO_RETRIES;
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("", NO_RETRIES);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.faults().clear();
    harness.sim.clearRequests();
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource({
      "VALIDATION, 400, invalid_request_error",
      "ACCESS_DENIED, 403, permission_error",
      "RESOURCE_NOT_FOUND, 404, not_found_error",
      "THROTTLING, 429, rate_limit_error",
      "SERVICE_QUOTA_EXCEEDED, 429, rate_limit_error",
      "MODEL_NOT_READY, 529, overloaded_error",
      "MODEL_TIMEOUT, 504, timeout_error",
      "MODEL_ERROR, 500, api_error",
      "MODEL_STREAM_ERROR, 500, api_error",
      "INTERNAL_SERVER, 500, api_error",
      "SERVICE_UNAVAILABLE, 529, overloaded_error",
      "UNRECOGNIZED_CLIENT, 403, permission_error",
      "INVALID_SIGNATURE, 403, permission_error",
      "EXPIRED_TOKEN, 403, permission_error"})
  void mapsEachBedrockErrorForJsonAndStreamingRequests(ErrorType bedrock, int status, String type) {
    for (boolean stream : new boolean[] {false, true}) {
      harness.sim.faults().script(FaultScript.httpError(bedrock, "Bedrock says no"));
      HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(stream, "hi"));

      assertThat(response.statusCode()).as("stream=" + stream).isEqualTo(status);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(response.headers().firstValue("request-id")).isPresent();
      assertThat(response.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\"")
          .contains("\"request_id\":\"" + response.headers().firstValue("request-id").orElseThrow() + "\"");
      if (status == 429 || status == 529) {
        assertThat(response.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
      }
    }
  }

  @Test
  void surfacesAsTheSdksTypedExceptions() {
    AnthropicClient client = harness.sdk();
    MessageCreateParams params = MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(16)
        .addUserMessage("hi").build();

    harness.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
    assertThatThrownBy(() -> client.messages().create(params)).isInstanceOf(RateLimitException.class);

    harness.sim.faults().script(FaultScript.httpError(ErrorType.ACCESS_DENIED));
    assertThatThrownBy(() -> client.messages().create(params)).isInstanceOf(PermissionDeniedException.class);

    harness.sim.faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE));
    assertThatThrownBy(() -> client.messages().create(params))
        .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(529));
    client.close();
  }

  @Test
  void refusesUnknownModelsBeforeCallingBedrock() {
    HttpResponse<String> response = harness.post("/v1/messages",
        "{\"model\":\"gpt-4o\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("not_found_error").contains("gpt-4o");
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void passesBedrocksValidationMessageThrough() {
    HttpResponse<String> response = harness.post("/v1/messages",
        "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"temperature\":\"hot\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid_request_error");
  }

  @Test
  void explainsAnUnreachableBedrock() {
    try (GatewayHarness broken = GatewayHarness.start("", Map.of("BEDROCK_ENDPOINT", "http://127.0.0.1:1"))) {
      HttpResponse<String> response = broken.post("/v1/messages", StreamingTest.body(false, "hi"));
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).contains("api_error")
          .contains("Bedrock cannot be reached from the gateway (endpoint: aws.endpoint, from environment variable "
              + "BEDROCK_ENDPOINT); retry the request")
          .doesNotContain("127.0.0.1");
    }
  }
}
