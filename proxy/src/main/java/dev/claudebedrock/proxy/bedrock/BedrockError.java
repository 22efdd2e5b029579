package dev.claudebedrock.proxy.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;

/**
 * An error Bedrock answered with, read from {@code x-amzn-ErrorType} and the JSON body (Bedrock's
 * {@code {"message":…}}, or the Anthropic API's {@code {"error":{"type":…,"message":…}}} of the native Messages API,
 * whose types are read as the Bedrock types they correspond to).
 *
 * @param status HTTP status from Bedrock (0 for an exception frame inside a stream)
 * @param type the error type, e.g. {@code ThrottlingException}
 * @param message Bedrock's message
 * @param retryAfterSeconds Bedrock's {@code Retry-After} hint, or -1
 */
public record BedrockError(int status, String type, String message, int retryAfterSeconds) {
  /**
   * The error types Bedrock Runtime's operations answer with, as {@code x-amzn-ErrorType} names them (its API
   * reference), and those of a signature it rejects.
   */
  public static final List<String> TYPES = List.of("AccessDeniedException", "InternalServerException",
      "ModelErrorException", "ModelNotReadyException", "ModelStreamErrorException", "ModelTimeoutException",
      "ResourceNotFoundException", "ServiceQuotaExceededException", "ServiceUnavailableException",
      "ThrottlingException", "ValidationException", "UnrecognizedClientException", "InvalidSignatureException",
      "ExpiredTokenException");

  /** Whether AWS rejected the credentials themselves (a refresh may help). */
  public boolean isCredentialFailure() {
    return switch (type) {
      case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException" -> true;
      default -> false;
    };
  }

  /** Reads an error response. */
  public static BedrockError fromResponse(int status, MultiMap headers, Buffer body) {
    String type = typeFromHeader(headers.get("x-amzn-errortype"));
    String message = "";
    try {
      JsonNode json = body == null || body.length() == 0 ? null : Json.MAPPER.readTree(body.getBytes());
      if (json != null && json.isObject() && json.path("error").isObject()) {
        // The native Messages API answers in the Anthropic API's shape: {"type":"error","error":{type, message}}.
        message = text(json.get("error"), "message");
        if (type.isEmpty()) {
          type = fromAnthropicType(text(json.get("error"), "type"));
        }
      } else if (json != null && json.isObject()) {
        message = text(json, "message", "Message");
        if (type.isEmpty()) {
          String t = text(json, "__type", "code");
          type = t.substring(t.lastIndexOf('#') + 1);
        }
      }
    } catch (IOException e) {
      // Not Bedrock's JSON (an HTML page of a proxy or load balancer on the way): not passed on.
      message = "";
    }
    if (type.isEmpty()) {
      type = fallbackType(status);
    }
    if (message.isEmpty()) {
      message = "Bedrock answered HTTP " + status + " without a message";
    }
    return new BedrockError(status, type, message, retryAfter(headers.get("retry-after")));
  }

  /** Reads an exception frame of an event stream ({@code :exception-type} and its JSON payload). */
  public static BedrockError fromStreamException(String exceptionType, byte[] payload) {
    String message = "";
    try {
      JsonNode json = Json.MAPPER.readTree(payload);
      if (json != null && json.isObject()) {
        message = text(json, "message", "Message");
      }
    } catch (IOException e) {
      message = "";
    }
    String type = exceptionType.isEmpty() ? "InternalServerException"
        : Character.toUpperCase(exceptionType.charAt(0)) + exceptionType.substring(1);
    return new BedrockError(0, type, message.isEmpty() ? type : message, -1);
  }

  /** Reads the {@code error} event of a native Messages API stream ({@code {"type":"error","error":{…}}}). */
  public static BedrockError fromErrorEvent(byte[] json) {
    String type = "";
    String message = "";
    try {
      JsonNode error = Json.MAPPER.readTree(json).path("error");
      type = fromAnthropicType(text(error, "type"));
      message = text(error, "message");
    } catch (IOException e) {
      // An unreadable error event is still an error.
    }
    type = type.isEmpty() ? "InternalServerException" : type;
    return new BedrockError(0, type, message.isEmpty() ? type : message, -1);
  }

  private static String typeFromHeader(String header) {
    if (header == null || header.isBlank()) {
      return "";
    }
    int colon = header.indexOf(':');
    return (colon < 0 ? header : header.substring(0, colon)).strip();
  }

  /** The Bedrock type an Anthropic API error type stands for, so both APIs' errors are judged and mapped alike. */
  private static String fromAnthropicType(String anthropicType) {
    return switch (anthropicType) {
      case "invalid_request_error" -> "ValidationException";
      case "authentication_error" -> "UnrecognizedClientException";
      case "permission_error" -> "AccessDeniedException";
      case "not_found_error" -> "ResourceNotFoundException";
      case "rate_limit_error" -> "ThrottlingException";
      case "overloaded_error" -> "ServiceUnavailableException";
      case "timeout_error" -> "ModelTimeoutException";
      case "api_error" -> "InternalServerException";
      default -> "";
    };
  }

  private static String fallbackType(int status) {
    return switch (status) {
      case 400 -> "ValidationException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 408 -> "ModelTimeoutException";
      case 424 -> "ModelErrorException";
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> status >= 500 ? "InternalServerException" : "HttpStatus" + status;
    };
  }

  private static String text(JsonNode json, String... names) {
    for (String name : names) {
      JsonNode value = json.get(name);
      if (value != null && value.isTextual()) {
        return value.asText();
      }
    }
    return "";
  }

  private static int retryAfter(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return (int) Math.ceil(Double.parseDouble(header.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
