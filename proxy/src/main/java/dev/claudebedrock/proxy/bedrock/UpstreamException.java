package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.anthropic.ApiError;
import dev.claudebedrock.proxy.anthropic.ErrorType;

/** The upstream could not be reached or did not answer; nothing came back to pass on. */
public final class UpstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** No connection: refused, unresolvable host, TLS failure, connect timeout. */
    CONNECT("ConnectionFailure"),
    /** Connected, but no response headers within the first-byte timeout. */
    TIMEOUT("FirstByteTimeout"),
    /** The connection broke before the response headers arrived. */
    RESET("ConnectionReset"),
    /** The client went away; the upstream request was cancelled on purpose. */
    CANCELLED("ClientCancelled");

    private final String errorType;

    Kind(String errorType) {
      this.errorType = errorType;
    }

    /** The label used beside AWS error types in metrics. */
    public String errorType() {
      return errorType;
    }
  }

  private final Kind kind;
  private final String host;

  public UpstreamException(Kind kind, String host, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.host = host;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** Whether another attempt (or another target) might succeed. */
  public boolean retryable() {
    return kind != Kind.CANCELLED;
  }

  /** The error the client sees. */
  public ApiError toApiError() {
    return switch (kind) {
      case TIMEOUT -> ApiError.of(ErrorType.TIMEOUT, "Bedrock at " + host + " did not answer in time: " + getMessage());
      case CONNECT -> ApiError.of(ErrorType.API, "Cannot reach Bedrock at " + host + ": " + getMessage());
      case RESET -> ApiError.of(ErrorType.API, "Bedrock at " + host + " closed the connection: " + getMessage());
      case CANCELLED -> ApiError.of(ErrorType.API, "Request cancelled: the client went away");
    };
  }
}
