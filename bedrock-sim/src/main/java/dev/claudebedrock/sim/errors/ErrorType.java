package dev.claudebedrock.sim.errors;

import java.util.Locale;
import java.util.Optional;

/** Every error a Bedrock endpoint answers with: its wire name, HTTP status and namespace. */
public enum ErrorType {
  VALIDATION("ValidationException", 400, Namespace.BEDROCK, "The request is invalid."),
  ACCESS_DENIED("AccessDeniedException", 403, Namespace.BEDROCK,
      "You don't have access to the model with the specified model ID."),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, Namespace.BEDROCK,
      "Could not resolve the foundation model from the provided model identifier."),
  THROTTLING("ThrottlingException", 429, Namespace.BEDROCK,
      "Too many requests, please wait before trying again."),
  SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 400, Namespace.BEDROCK,
      "Your request exceeds the service quota for your account."),
  MODEL_NOT_READY("ModelNotReadyException", 429, Namespace.BEDROCK,
      "The model is not ready to serve inference requests. Try again later."),
  MODEL_TIMEOUT("ModelTimeoutException", 408, Namespace.BEDROCK,
      "Model has timed out in processing the request. Try your request again."),
  MODEL_ERROR("ModelErrorException", 424, Namespace.BEDROCK,
      "The model returned an error while processing the request."),
  MODEL_STREAM_ERROR("ModelStreamErrorException", 424, Namespace.BEDROCK,
      "The model stream returned an error."),
  INTERNAL_SERVER("InternalServerException", 500, Namespace.BEDROCK,
      "The server encountered an internal error while processing the request."),
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, Namespace.BEDROCK,
      "The service is currently unavailable. Try again later."),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403, Namespace.CORAL,
      "The security token included in the request is invalid."),
  INVALID_SIGNATURE("InvalidSignatureException", 403, Namespace.CORAL,
      "The request signature we calculated does not match the signature you provided. "
          + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403, Namespace.CORAL,
      "The request signature does not conform to AWS standards."),
  EXPIRED_TOKEN("ExpiredTokenException", 403, Namespace.CORAL,
      "The security token included in the request is expired"),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403, Namespace.CORAL,
      "Missing Authentication Token"),
  UNKNOWN_OPERATION("UnknownOperationException", 404, Namespace.CORAL, "Unknown operation");

  private final String wireName;
  private final int status;
  private final String errorTypeHeader;
  private final String defaultMessage;

  ErrorType(String wireName, int status, Namespace namespace, String defaultMessage) {
    this.wireName = wireName;
    this.status = status;
    this.errorTypeHeader = wireName + ":" + namespace.uri;
    this.defaultMessage = defaultMessage;
  }

  /** The name on the wire, e.g. {@code ThrottlingException}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status Bedrock answers with. */
  public int status() {
    return status;
  }

  /** The full {@code x-amzn-ErrorType} header value. */
  public String errorTypeHeader() {
    return errorTypeHeader;
  }

  /** A message like the one Bedrock sends when nothing more specific applies. */
  public String defaultMessage() {
    return defaultMessage;
  }

  /** Finds a type by wire name ({@code ThrottlingException}), enum name ({@code THROTTLING}) or without the suffix. */
  public static Optional<ErrorType> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim();
    for (ErrorType type : values()) {
      if (type.wireName.equalsIgnoreCase(wanted)
          || type.name().equalsIgnoreCase(wanted)
          || type.wireName.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT) + "exception")) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private enum Namespace {
    BEDROCK("http://internal.amazon.com/coral/com.amazon.bedrock/"),
    CORAL("http://internal.amazon.com/coral/com.amazon.coral.service/");

    private final String uri;

    Namespace(String uri) {
      this.uri = uri;
    }
  }
}
