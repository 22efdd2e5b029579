package dev.claudebedrock.sim.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the simulated model answers.
 *
 * @param firstByte       latency before the first byte of a response
 * @param tokensPerSecond output tokens generated per second; 0 means instantly
 */
public record Timing(Duration firstByte, double tokensPerSecond) {
  /** No latency at all: the default. */
  public static final Timing NONE = new Timing(Duration.ZERO, 0);

  public Timing {
    Objects.requireNonNull(firstByte, "firstByte");
    if (firstByte.isNegative()) {
      throw new IllegalArgumentException("firstByte must not be negative: " + firstByte);
    }
    if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
      throw new IllegalArgumentException("tokensPerSecond must be a finite number >= 0: " + tokensPerSecond);
    }
  }

  /** Nanoseconds one output token takes, 0 when generation is instant. */
  public long nanosPerToken() {
    return tokensPerSecond == 0 ? 0 : (long) (1_000_000_000d / tokensPerSecond);
  }

  /** Nanoseconds until a whole non-streaming answer of {@code outputTokens} tokens is ready. */
  public long nanosUntilComplete(int outputTokens) {
    return firstByte.toNanos() + outputTokens * nanosPerToken();
  }
}
