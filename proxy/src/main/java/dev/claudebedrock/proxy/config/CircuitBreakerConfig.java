package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Per-target circuit breaking: a target that keeps failing is skipped for a while, then probed.
 *
 * @param enabled whether breakers are on; {@code auto}: when there is more than one target (with a single target
 *     there is nowhere else to send a request, so opening its circuit would only turn transient errors into refusals)
 * @param consecutiveFailures failures in a row that open the circuit
 * @param failureRatePercent failure rate over the window that opens it
 * @param window length of the sliding window for the rate (whole seconds)
 * @param minimumCalls calls in the window before the rate counts
 * @param openFor how long an open circuit skips the target before letting one probe through
 * @param panic whether a request whose every target has an open circuit goes to them anyway (panic routing, as
 *     Envoy does when too few hosts are healthy) rather than being refused with 529
 */
public record CircuitBreakerConfig(Switch enabled, int consecutiveFailures, int failureRatePercent, Duration window,
    int minimumCalls, Duration openFor, boolean panic) {

  static CircuitBreakerConfig read(ConfigSection s) {
    CircuitBreakerConfig config = new CircuitBreakerConfig(
        s.choice("enabled", Switch.AUTO),
        s.integer("consecutive_failures", 5, 1, 1000),
        s.integer("failure_rate_percent", 50, 1, 100),
        s.duration("window_seconds", 30, 1, 3600, ChronoUnit.SECONDS),
        s.integer("minimum_calls", 20, 1, 100_000),
        s.duration("open_seconds", 30, 1, 3600, ChronoUnit.SECONDS),
        s.bool("panic", true));
    s.finish();
    return config;
  }

  /** Whether breakers are on, given how many targets there are. */
  public boolean enabledFor(int targets) {
    return enabled == Switch.ALWAYS || (enabled == Switch.AUTO && targets > 1);
  }
}
