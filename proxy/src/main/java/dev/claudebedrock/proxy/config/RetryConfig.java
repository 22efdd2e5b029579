package dev.claudebedrock.proxy.config;

/**
 * Retries and failover before the first byte reaches the client.
 *
 * @param maxAttempts upstream attempts per request, the first included
 * @param budgetMs time a request may spend on attempts and backoff before the last error is answered
 * @param initialBackoffMs first backoff; it doubles per attempt, with full jitter
 * @param maxBackoffMs backoff ceiling (Bedrock's {@code Retry-After} hint wins when it is shorter than the budget)
 */
public record RetryConfig(int maxAttempts, int budgetMs, int initialBackoffMs, int maxBackoffMs) {

  static RetryConfig read(ConfigSection s) {
    RetryConfig config = new RetryConfig(
        s.integer("max_attempts", 3, 1, 10),
        s.integer("budget_ms", 20_000, 0, 600_000),
        s.integer("initial_backoff_ms", 200, 0, 60_000),
        s.integer("max_backoff_ms", 3_000, 0, 120_000));
    if (config.maxBackoffMs() < config.initialBackoffMs()) {
      throw s.invalid("max_backoff_ms", Integer.toString(config.maxBackoffMs()),
          "at least initial_backoff_ms (" + config.initialBackoffMs() + ")");
    }
    s.finish();
    return config;
  }
}
