package dev.claudebedrock.sim.errors;

import java.util.EnumMap;
import java.util.Map;

/**
 * How the Messages API ("bedrock-mantle") answers each error: the Anthropic API's status and error type, in its
 * {@code {"type":"error","error":{…}}} body. Failed authentication is a 401 there, not Coral's 403.
 */
public final class AnthropicErrors {
  /**
   * An Anthropic API error class.
   *
   * @param status HTTP status
   * @param type   the {@code error.type}
   */
  public record Kind(int status, String type) {}

  private static final Kind INVALID = new Kind(400, "invalid_request_error");
  private static final Kind AUTHENTICATION = new Kind(401, "authentication_error");
  private static final Map<ErrorType, Kind> KINDS = new EnumMap<>(ErrorType.class);

  static {
    KINDS.put(ErrorType.VALIDATION, INVALID);
    KINDS.put(ErrorType.ACCESS_DENIED, new Kind(403, "permission_error"));
    KINDS.put(ErrorType.RESOURCE_NOT_FOUND, new Kind(404, "not_found_error"));
    KINDS.put(ErrorType.THROTTLING, new Kind(429, "rate_limit_error"));
    KINDS.put(ErrorType.SERVICE_QUOTA_EXCEEDED, new Kind(429, "rate_limit_error"));
    KINDS.put(ErrorType.MODEL_NOT_READY, new Kind(529, "overloaded_error"));
    KINDS.put(ErrorType.SERVICE_UNAVAILABLE, new Kind(529, "overloaded_error"));
    KINDS.put(ErrorType.MODEL_TIMEOUT, new Kind(504, "timeout_error"));
    KINDS.put(ErrorType.MODEL_ERROR, new Kind(500, "api_error"));
    KINDS.put(ErrorType.MODEL_STREAM_ERROR, new Kind(500, "api_error"));
    KINDS.put(ErrorType.INTERNAL_SERVER, new Kind(500, "api_error"));
    KINDS.put(ErrorType.UNRECOGNIZED_CLIENT, AUTHENTICATION);
    KINDS.put(ErrorType.INVALID_SIGNATURE, AUTHENTICATION);
    KINDS.put(ErrorType.INCOMPLETE_SIGNATURE, AUTHENTICATION);
    KINDS.put(ErrorType.EXPIRED_TOKEN, AUTHENTICATION);
    KINDS.put(ErrorType.MISSING_AUTHENTICATION_TOKEN, AUTHENTICATION);
    KINDS.put(ErrorType.UNKNOWN_OPERATION, new Kind(404, "not_found_error"));
  }

  private AnthropicErrors() {}

  /** The status and type the Messages API answers a Bedrock error type with. */
  public static Kind of(ErrorType type) {
    return KINDS.getOrDefault(type, INVALID);
  }
}
