package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Turns Bedrock's error answers into the errors Messages API clients understand (ARCHITECTURE.md,
 * "Bedrock errors and what a Messages client gets"): the right type and status, {@code retry-after}
 * on 429 and 529, and {@code x-should-retry: false} where retrying cannot help.
 */
public final class BedrockErrorMapping {
  private final int throttleRetryAfterSeconds;
  private final int overloadRetryAfterSeconds;

  /**
   * @param throttleRetryAfter {@code retry-after} with a 429 when Bedrock gives no hint
   * @param overloadRetryAfter {@code retry-after} with a 529 when Bedrock gives no hint
   */
  public BedrockErrorMapping(Duration throttleRetryAfter, Duration overloadRetryAfter) {
    this.throttleRetryAfterSeconds = (int) throttleRetryAfter.toSeconds();
    this.overloadRetryAfterSeconds = (int) overloadRetryAfter.toSeconds();
  }

  /** The client-facing error for a Bedrock error. */
  public ApiError toApiError(BedrockError error) {
    String message = error.message();
    ApiError mapped = switch (error.type()) {
      case "ValidationException" -> ApiError.of(ErrorType.INVALID_REQUEST, promptTooLong(message));
      case "AccessDeniedException" -> ApiError.of(ErrorType.PERMISSION, message)
          .withHeader("x-should-retry", "false");
      case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
          "MissingAuthenticationTokenException", "IncompleteSignatureException" ->
        ApiError.of(ErrorType.PERMISSION,
            "Bedrock rejected the gateway's AWS credentials (" + error.type() + ": " + message
                + "). This is a gateway configuration problem; tell its operator.")
            .withHeader("x-should-retry", "false");
      case "ResourceNotFoundException" -> ApiError.of(ErrorType.NOT_FOUND, message);
      case "ThrottlingException", "ServiceQuotaExceededException" -> retryable(ErrorType.RATE_LIMIT, message,
          error.retryAfterSeconds(), throttleRetryAfterSeconds);
      case "ModelNotReadyException", "ServiceUnavailableException" -> retryable(ErrorType.OVERLOADED, message,
          error.retryAfterSeconds(), overloadRetryAfterSeconds);
      case "ModelTimeoutException" -> ApiError.of(ErrorType.TIMEOUT, message);
      case "ModelErrorException", "ModelStreamErrorException", "InternalServerException" ->
        ApiError.of(ErrorType.API, message);
      default -> byStatus(error);
    };
    return mapped.withHeader("x-bedrock-error-type", error.type());
  }

  /** Types Bedrock did not name are {@code HttpStatusNNN}: their message says the status already. */
  private static ApiError byStatus(BedrockError error) {
    String message = error.type().startsWith("HttpStatus") ? error.message() : error.type() + ": " + error.message();
    return ApiError.of(error.status() >= 500 || error.status() == 0 ? ErrorType.API : ErrorType.INVALID_REQUEST,
        message);
  }

  private static ApiError retryable(ErrorType type, String message, int hinted, int fallback) {
    int seconds = hinted >= 0 ? hinted : fallback;
    return new ApiError(type, type.status(), message, Map.of("retry-after", Integer.toString(seconds)));
  }

  /** Claude Code compacts the conversation when it sees this wording; Bedrock says it differently. */
  private static String promptTooLong(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("input is too long") || lower.contains("too many input tokens")
        || lower.contains("prompt is too long")) {
      return lower.startsWith("prompt is too long") ? message : "prompt is too long: " + message;
    }
    return message;
  }
}
