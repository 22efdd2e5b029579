package dev.claudebedrock.proxy.anthropic;

/** The Anthropic API's error types with the HTTP status each travels with. */
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

  private final String wireName;
  private final int status;

  ErrorType(String wireName, int status) {
    this.wireName = wireName;
    this.status = status;
  }

  /** The {@code error.type} string. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status that goes with this type. */
  public int status() {
    return status;
  }
}
