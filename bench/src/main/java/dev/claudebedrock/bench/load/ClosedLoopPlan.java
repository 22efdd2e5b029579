package dev.claudebedrock.bench.load;

import java.time.Duration;

/** A fixed number of requests always in flight: {@code warmup} (not recorded) then {@code measure}. */
public record ClosedLoopPlan(int concurrency, Duration warmup, Duration measure) {
  public ClosedLoopPlan {
    if (concurrency < 1 || concurrency > 10_000) {
      throw new IllegalArgumentException("concurrency " + concurrency + ": expected 1 to 10000");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warm-up " + warmup + ": expected 0 or more");
    }
    if (measure.isNegative() || measure.isZero()) {
      throw new IllegalArgumentException("measured duration " + measure + ": expected more than 0");
    }
  }
}
