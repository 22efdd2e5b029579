package dev.claudebedrock.proxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.core.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BedrockErrorMappingTest {
  private final BedrockErrorMapping mapping = new BedrockErrorMapping(Duration.ofSeconds(2), Duration.ofSeconds(5));

  @ParameterizedTest(name = "{0} ({1}) → {2} {3}")
  @CsvSource({
      "ValidationException, 400, 400, invalid_request_error",
      "AccessDeniedException, 403, 403, permission_error",
      "UnrecognizedClientException, 403, 403, permission_error",
      "InvalidSignatureException, 403, 403, permission_error",
      "ExpiredTokenException, 403, 403, permission_error",
      "ResourceNotFoundException, 404, 404, not_found_error",
      "ThrottlingException, 429, 429, rate_limit_error",
      "ServiceQuotaExceededException, 400, 429, rate_limit_error",
      "ModelNotReadyException, 429, 529, overloaded_error",
      "ModelTimeoutException, 408, 504, timeout_error",
      "ModelErrorException, 424, 500, api_error",
      "ModelStreamErrorException, 424, 500, api_error",
      "InternalServerException, 500, 500, api_error",
      "ServiceUnavailableException, 503, 529, overloaded_error"})
  void mapsEveryBedrockErrorToItsAnthropicTypeAndStatus(String type, int bedrockStatus, int status,
      String anthropicType) {
    ApiError error = mapping.toApiError(fromResponse(bedrockStatus, type, "{\"message\":\"details\"}"));
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.type().code()).isEqualTo(anthropicType);
    assertThat(error.headers()).containsEntry("x-bedrock-error-type", type);
    if (status == 429 || status == 529) {
      assertThat(error.headers()).containsKey("retry-after");
    }
  }

  @Test
  void sendsRetryAfterInWholeSecondsPreferringBedrocksHint() {
    assertThat(mapping.toApiError(fromResponse(429, "ThrottlingException", "{}")).headers())
        .containsEntry("retry-after", "2");
    assertThat(mapping.toApiError(fromResponse(503, "ServiceUnavailableException", "{}")).headers())
        .containsEntry("retry-after", "5");
    MultiMap headers = HttpHeaders.headers()
        .add("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
        .add("Retry-After", "0.4");
    assertThat(mapping.toApiError(BedrockError.fromResponse(429, headers, Buffer.buffer("{}"))).headers())
        .containsEntry("retry-after", "1");
  }

  @Test
  void tellsClientsNotToRetryWhenTheGatewaysCredentialsAreWrong() {
    ApiError error = mapping.toApiError(fromResponse(403, "UnrecognizedClientException",
        "{\"message\":\"The security token included in the request is invalid.\"}"));
    assertThat(error.headers()).containsEntry("x-should-retry", "false");
    assertThat(error.message()).contains("gateway configuration problem").contains("security token");
  }

  @Test
  void rewordsInputTooLongTheWayClaudeCodeRecognisesIt() {
    ApiError error = mapping.toApiError(fromResponse(400, "ValidationException",
        "{\"message\":\"Input is too long for requested model.\"}"));
    assertThat(error.message()).startsWith("prompt is too long");
  }

  @Test
  void readsTheTypeFromTheHeaderTheBodyOrTheStatus() {
    assertThat(BedrockError.fromResponse(400, HttpHeaders.headers(),
        Buffer.buffer("{\"__type\":\"com.amazon#ValidationException\",\"Message\":\"m\"}")))
        .isEqualTo(new BedrockError(400, "ValidationException", "m", -1));
    assertThat(BedrockError.fromResponse(503, HttpHeaders.headers(), Buffer.buffer("not json")).type())
        .isEqualTo("ServiceUnavailableException");
  }

  @Test
  void neverPassesOnABodyThatIsNotBedrocksJson() {
    BedrockError error = BedrockError.fromResponse(414, HttpHeaders.headers(),
        Buffer.buffer("<html><body>414 Request-URI Too Large at lb-internal-7.corp:8443</body></html>"));
    ApiError mapped = mapping.toApiError(error);
    assertThat(mapped.status()).isEqualTo(400);
    assertThat(mapped.message()).isEqualTo("Bedrock answered HTTP 414 without a message")
        .doesNotContain("lb-internal");
  }

  @Test
  void capitalisesExceptionFrameTypes() {
    BedrockError error = BedrockError.fromStreamException("modelStreamErrorException",
        "{\"message\":\"boom\",\"originalStatusCode\":500}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(error.type()).isEqualTo("ModelStreamErrorException");
    assertThat(mapping.toApiError(error).type().code()).isEqualTo("api_error");
  }

  private static BedrockError fromResponse(int status, String type, String body) {
    MultiMap headers = HttpHeaders.headers().add("x-amzn-ErrorType",
        type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    return BedrockError.fromResponse(status, headers, Buffer.buffer(body));
  }
}
