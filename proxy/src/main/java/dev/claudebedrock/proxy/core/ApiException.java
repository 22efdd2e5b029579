package dev.claudebedrock.proxy.core;

/** Carries an {@link ApiError} through a failed future; cheap, because errors are not exceptional here. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ApiError error;

  public ApiException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  /** The error to send. */
  public ApiError error() {
    return error;
  }
}
