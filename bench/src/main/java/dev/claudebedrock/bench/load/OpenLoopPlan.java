package dev.claudebedrock.bench.load;

import java.time.Duration;

/**
 * A constant request rate: {@code warmup} (not recorded) then {@code measure}; afterwards up to {@code drain} for the
 * last answers.
 */
public record OpenLoopPlan(double ratePerSecond, Duration warmup, Duration measure, Duration drain) {
  public OpenLoopPlan {
    if (!(ratePerSecond > 0 && ratePerSecond <= 100_000)) {
      throw new IllegalArgumentException("rate " + ratePerSecond + " requests/s: expected more than 0, at most 100000");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warm-up " + warmup + ": expected 0 or more");
    }
    if (measure.isNegative() || measure.isZero()) {
      throw new IllegalArgumentException("measured duration " + measure + ": expected more than 0");
    }
    if (drain.isNegative()) {
      throw new IllegalArgumentException("drain time " + drain + ": expected 0 or more");
    }
  }
}
