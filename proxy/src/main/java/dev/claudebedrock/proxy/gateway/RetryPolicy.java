package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.config.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What to do after an upstream attempt failed before any byte reached the client, and how long to
 * wait: exponential backoff with full jitter, Bedrock's {@code Retry-After} honoured, all inside a
 * per-request budget.
 */
public final class RetryPolicy {
  /** What a failed attempt calls for. */
  public enum Verdict {
    /** A passing condition (throttling, 5xx, timeout, connection): try again, preferably elsewhere. */
    RETRY,
    /** This target cannot serve the request (no access, unknown model there): another target might. */
    NEXT_TARGET,
    /** The request itself is wrong: no target will do better. */
    FINAL
  }

  /** How a failure reflects on the target, for its circuit breaker. */
  public enum Blame {
    /** The target is unavailable or broken (5xx, timeouts, connection failures). */
    TARGET,
    /** Nothing about the target's health (throttling, client errors, cancellation). */
    NONE
  }

  private final RetryConfig config;

  public RetryPolicy(RetryConfig config) {
    this.config = config;
  }

  /** No retries at all (the Bedrock pass-through: its clients retry themselves). */
  public static RetryPolicy none() {
    return new RetryPolicy(new RetryConfig(1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
  }

  /** Attempts a request may make, the first included. */
  public int maxAttempts() {
    return config.maxAttempts();
  }

  /** Time a request may spend on attempts and waits, in nanoseconds. */
  public long budgetNanos() {
    return config.budget().toNanos();
  }

  /** The verdict for an HTTP error from Bedrock. */
  public static Verdict verdict(int status, String bedrockType) {
    return switch (bedrockType) {
      case "ThrottlingException", "ServiceQuotaExceededException", "ModelNotReadyException",
          "ServiceUnavailableException", "InternalServerException", "ModelTimeoutException" ->
        Verdict.RETRY;
      case "AccessDeniedException", "ResourceNotFoundException", "UnrecognizedClientException",
          "InvalidSignatureException", "ExpiredTokenException" ->
        Verdict.NEXT_TARGET;
      default -> status >= 500 || status == 429 ? Verdict.RETRY : Verdict.FINAL;
    };
  }

  /** Whether an HTTP error from Bedrock says the target is unhealthy. */
  public static Blame blame(int status, String bedrockType) {
    return switch (bedrockType) {
      case "ServiceUnavailableException", "InternalServerException", "ModelTimeoutException" -> Blame.TARGET;
      case "ThrottlingException", "ServiceQuotaExceededException", "ModelNotReadyException" -> Blame.NONE;
      default -> status >= 500 ? Blame.TARGET : Blame.NONE;
    };
  }

  /**
   * The wait before attempt number {@code attempt} (2 for the first retry): full jitter over an
   * exponentially growing ceiling, or Bedrock's hint when it gave one.
   */
  public long backoffNanos(int attempt, int retryAfterSeconds) {
    if (retryAfterSeconds >= 0) {
      return retryAfterSeconds * 1_000_000_000L;
    }
    long ceiling = Math.min(config.maxBackoff().toMillis(),
        config.initialBackoff().toMillis() << Math.min(20, attempt - 2));
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1) * 1_000_000L;
  }
}
