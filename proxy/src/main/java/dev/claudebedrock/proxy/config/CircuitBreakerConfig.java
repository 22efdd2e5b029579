package dev.claudebedrock.proxy.config;

/**
 * Per-target circuit breaking: a target that keeps failing is skipped for a while, then probed.
 *
 * @param enabled {@code auto}: breakers when there is more than one target (with a single target there is
 *     nowhere else to send a request, so opening its circuit would only turn transient errors into refusals);
 *     {@code true} or {@code false} to decide explicitly
 * @param consecutiveFailures failures in a row that open the circuit
 * @param failureRatePercent failure rate over the window that opens it
 * @param windowSeconds length of the sliding window for the rate
 * @param minimumCalls calls in the window before the rate counts
 * @param openSeconds how long an open circuit skips the target before letting one probe through
 */
public record CircuitBreakerConfig(String enabled, int consecutiveFailures, int failureRatePercent, int windowSeconds,
    int minimumCalls, int openSeconds) {

  static CircuitBreakerConfig read(ConfigSection s) {
    CircuitBreakerConfig config = new CircuitBreakerConfig(
        s.oneOf("enabled", "auto", java.util.Set.of("auto", "true", "false")),
        s.integer("consecutive_failures", 5, 1, 1000),
        s.integer("failure_rate_percent", 50, 1, 100),
        s.integer("window_seconds", 30, 1, 3600),
        s.integer("minimum_calls", 20, 1, 100_000),
        s.integer("open_seconds", 30, 1, 3600));
    s.finish();
    return config;
  }

  /** Whether breakers are on, given how many targets there are. */
  public boolean enabledFor(int targets) {
    return enabled.equals("true") || (enabled.equals("auto") && targets > 1);
  }
}
