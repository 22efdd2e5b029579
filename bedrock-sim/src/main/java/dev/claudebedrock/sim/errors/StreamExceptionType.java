package dev.claudebedrock.sim.errors;

import java.util.Optional;

/** The exception frames Bedrock can send inside an event stream ({@code :exception-type} values). */
public enum StreamExceptionType {
  INTERNAL_SERVER("internalServerException", "api_error",
      "The server encountered an internal error while processing the request."),
  MODEL_STREAM_ERROR("modelStreamErrorException", "api_error", "The model stream returned an error."),
  VALIDATION("validationException", "invalid_request_error", "Input is too long for requested model."),
  THROTTLING("throttlingException", "rate_limit_error", "Too many requests, please wait before trying again."),
  MODEL_TIMEOUT("modelTimeoutException", "timeout_error", "Model has timed out in processing the request."),
  SERVICE_UNAVAILABLE("serviceUnavailableException", "overloaded_error",
      "The service is currently unavailable. Try again later.");

  private final String wireName;
  private final String anthropicType;
  private final String defaultMessage;

  StreamExceptionType(String wireName, String anthropicType, String defaultMessage) {
    this.wireName = wireName;
    this.anthropicType = anthropicType;
    this.defaultMessage = defaultMessage;
  }

  /** The error type of the {@code error} event the Messages API sends for this failure. */
  public String anthropicType() {
    return anthropicType;
  }

  /** The {@code :exception-type} header value. */
  public String wireName() {
    return wireName;
  }

  /** The message used when a fault does not give one. */
  public String defaultMessage() {
    return defaultMessage;
  }

  /** Finds a type by wire name ({@code throttlingException}), enum name or the capitalised exception name. */
  public static Optional<StreamExceptionType> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim();
    for (StreamExceptionType type : values()) {
      if (type.wireName.equalsIgnoreCase(wanted) || type.name().equalsIgnoreCase(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
