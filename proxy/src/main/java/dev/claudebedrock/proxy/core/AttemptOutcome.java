package dev.claudebedrock.proxy.core;

/** How one upstream attempt ended, with the label metrics use for it. */
public enum AttemptOutcome {
  /** The upstream answered (a stream counts from its headers). */
  SUCCESS("success"),
  /** Throttled or over a quota. */
  THROTTLED("throttled"),
  /** A 5xx or a model not ready. */
  UNAVAILABLE("unavailable"),
  /** Any other error answer (4xx). */
  REJECTED("rejected"),
  /** No response headers within the first-byte timeout. */
  TIMEOUT("timeout"),
  /** No connection, or it broke before the response headers. */
  CONNECTION("connection"),
  /** The gateway had no credentials to sign with; nothing was sent. */
  UNAUTHENTICATED("unauthenticated"),
  /** The client left; the attempt was abandoned on purpose. */
  CANCELLED("cancelled"),
  /** The gateway itself failed while handling the attempt (a bug: the request ends with an internal error). */
  FAILED("failed");

  private final String label;

  AttemptOutcome(String label) {
    this.label = label;
  }

  /** The metric label. */
  public String label() {
    return label;
  }
}
