package dev.claudebedrock.bench.overload;

import java.time.Duration;

/**
 * The overload curve's settings: a gateway whose capacity is set by its admission limit over a simulator answering
 * after a fixed latency, and how long each leg of load lasts.
 *
 * @param maxInFlight the gateway's {@code admission.max_in_flight}
 * @param upstreamLatency the simulator's first-byte latency: the service time of every request
 * @param queueTimeout the gateway's {@code admission.queue_timeout_ms}
 * @param warmup load at half capacity before the first measured leg
 * @param leg how long each measured leg sends
 */
public record OverloadPlan(int maxInFlight, Duration upstreamLatency, Duration queueTimeout, Duration warmup,
    Duration leg) {

  /** The measured legs: offered load as a multiple of capacity, in order; the last shows the recovery. */
  public static final double[] LOADS = {0.5, 1.0, 2.0, 0.5};

  public OverloadPlan {
    if (maxInFlight < 1 || upstreamLatency.isNegative() || upstreamLatency.isZero() || leg.isZero()) {
      throw new IllegalArgumentException("max in flight, upstream latency and leg must be positive");
    }
  }

  /** The published figures: 40 places of 100 ms (400 requests/s), a 100 ms queue deadline, a 40-second warm-up (the JIT, on a busy machine), 20-second legs. */
  public static OverloadPlan full() {
    return new OverloadPlan(40, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(40),
        Duration.ofSeconds(20));
  }

  /** A few seconds in all, a smaller capacity: checks that the curve can be measured (the test suite's smoke run). */
  public static OverloadPlan quick() {
    return new OverloadPlan(10, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
  }

  /** Requests per second the gateway can serve: its places over the service time. */
  public double capacity() {
    return maxInFlight * 1e9 / upstreamLatency.toNanos();
  }
}
