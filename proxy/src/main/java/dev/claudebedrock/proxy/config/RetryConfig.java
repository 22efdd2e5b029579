package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Retries and failover before the first byte reaches the client.
 *
 * @param maxAttempts upstream attempts per request, the first included
 * @param budget time a request may spend on attempts and backoff before the last error is answered
 * @param initialBackoff first backoff; it doubles per attempt, with full jitter
 * @param maxBackoff backoff ceiling (Bedrock's {@code Retry-After} hint wins when it is shorter than the budget)
 */
public record RetryConfig(int maxAttempts, Duration budget, Duration initialBackoff, Duration maxBackoff) {

  static RetryConfig read(ConfigSection s) {
    RetryConfig config = new RetryConfig(
        s.integer("max_attempts", 3, 1, 10),
        s.duration("budget_ms", 20_000, 0, 600_000, ChronoUnit.MILLIS),
        s.duration("initial_backoff_ms", 200, 0, 60_000, ChronoUnit.MILLIS),
        s.duration("max_backoff_ms", 3_000, 0, 120_000, ChronoUnit.MILLIS));
    if (config.maxBackoff().compareTo(config.initialBackoff()) < 0) {
      throw s.invalid("max_backoff_ms", Long.toString(config.maxBackoff().toMillis()),
          "at least initial_backoff_ms (" + config.initialBackoff().toMillis() + ")");
    }
    s.finish();
    return config;
  }
}
