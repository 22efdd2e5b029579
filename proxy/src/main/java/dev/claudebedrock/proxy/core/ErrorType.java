package dev.claudebedrock.proxy.core;

/**
 * What kind of error a client gets, with the HTTP status each kind travels with. The codes are the
 * Messages API's names ({@code invalid_request_error}, ...), which is also how the gateway labels
 * errors in its logs; a wire dialect may render them differently for its clients.
 */
public enum ErrorType {
  INVALID_REQUEST("invalid_request_error", 400),
  AUTHENTICATION("authentication_error", 401),
  BILLING("billing_error", 402),
  PERMISSION("permission_error", 403),
  NOT_FOUND("not_found_error", 404),
  REQUEST_TOO_LARGE("request_too_large", 413),
  RATE_LIMIT("rate_limit_error", 429),
  API("api_error", 500),
  TIMEOUT("timeout_error", 504),
  OVERLOADED("overloaded_error", 529);

  private final String code;
  private final int status;

  ErrorType(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The Messages API's name for this kind ({@code error.type} there), also the gateway's log label. */
  public String code() {
    return code;
  }

  /** The HTTP status that goes with this type. */
  public int status() {
    return status;
  }

  /** The type with a given code, or {@link #API} for a code the gateway does not know. */
  public static ErrorType ofCode(String code) {
    for (ErrorType type : values()) {
      if (type.code.equals(code)) {
        return type;
      }
    }
    return API;
  }
}
