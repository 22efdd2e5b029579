package dev.claudebedrock.proxy.bedrock;

/**
 * The upstream could not be reached, did not answer, or could not even be called; nothing came back
 * to pass on. What a client sees of it is decided by the stage that speaks the client's format.
 */
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
    CANCELLED("ClientCancelled"),
    /** The gateway has no credentials to sign with (the message says why); nothing was sent. */
    NO_CREDENTIALS("NoCredentials");

    private final String errorType;

    Kind(String errorType) {
      this.errorType = errorType;
    }

    /** The label used beside AWS error types in metrics. */
    public String errorType() {
      return errorType;
    }

    /** Whether it is a failure of the upstream (connect, timeout, reset), as opposed to one of the client or the gateway. */
    public boolean upstreamFailure() {
      return this == CONNECT || this == TIMEOUT || this == RESET;
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

  /** The host the request was for ({@code host:port}). */
  public String host() {
    return host;
  }
}
