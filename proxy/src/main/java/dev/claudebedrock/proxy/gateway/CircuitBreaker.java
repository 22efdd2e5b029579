package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.config.CircuitBreakerConfig;

/**
 * A target's circuit breaker. Closed, it lets everything through and watches failures; it opens
 * after too many failures in a row or too high a failure rate over a sliding window; open, it
 * turns requests away so they go to other targets at once; after a while it lets one probe
 * through (half-open) and closes on its success or opens again on its failure.
 *
 * <p>Shared by every event loop; each call is a few field updates under the lock.
 */
public final class CircuitBreaker {
  /** Breaker states, with the values of the {@code gateway_circuit_state} gauge. */
  public enum State {
    CLOSED(0),
    HALF_OPEN(1),
    OPEN(2);

    private final int gauge;

    State(int gauge) {
      this.gauge = gauge;
    }

    /** The metric value. */
    public int gauge() {
      return gauge;
    }
  }

  private final String target;
  private final CircuitBreakerConfig config;
  private final boolean enabled;
  private final long[] successes;
  private final long[] failures;
  private final long[] bucketSecond;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openUntilNanos;
  private boolean probeInFlight;

  public CircuitBreaker(String target, CircuitBreakerConfig config, boolean enabled) {
    this.target = target;
    this.config = config;
    this.enabled = enabled;
    int seconds = (int) config.window().toSeconds();
    this.successes = new long[seconds];
    this.failures = new long[seconds];
    this.bucketSecond = new long[seconds];
  }

  /** The target it guards. */
  public String target() {
    return target;
  }

  /** Whether a request may go to the target now; in half-open state only one probe at a time may. */
  public synchronized boolean tryAcquire(long nowNanos) {
    if (!enabled) {
      return true;
    }
    switch (state) {
      case CLOSED -> {
        return true;
      }
      case OPEN -> {
        if (nowNanos < openUntilNanos) {
          return false;
        }
        state = State.HALF_OPEN;
        probeInFlight = true;
        return true;
      }
      default -> {
        if (probeInFlight) {
          return false;
        }
        probeInFlight = true;
        return true;
      }
    }
  }

  /** Whether the target would accept a request now, without taking a probe slot (readiness). */
  public synchronized boolean available(long nowNanos) {
    return !enabled || state == State.CLOSED
        || (state == State.OPEN && nowNanos >= openUntilNanos) || (state == State.HALF_OPEN && !probeInFlight);
  }

  /** The target answered. */
  public synchronized void onSuccess(long nowNanos) {
    record(nowNanos, true);
    consecutiveFailures = 0;
    if (state != State.CLOSED) {
      state = State.CLOSED;
      probeInFlight = false;
      clearWindow();
    }
  }

  /** The target failed in a way that says it cannot serve (5xx, timeout, connection). */
  public synchronized void onFailure(long nowNanos) {
    record(nowNanos, false);
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= config.consecutiveFailures() || rateExceeded(nowNanos)) {
      open(nowNanos);
    }
  }

  /** The request ended without telling anything about the target (the client left, a client error). */
  public synchronized void onNeutral() {
    if (state == State.HALF_OPEN) {
      probeInFlight = false;
    }
  }

  /** The current state. */
  public synchronized State state() {
    return state;
  }

  private void open(long nowNanos) {
    state = State.OPEN;
    probeInFlight = false;
    openUntilNanos = nowNanos + config.openFor().toNanos();
    consecutiveFailures = 0;
  }

  private void record(long nowNanos, boolean success) {
    long second = nowNanos / 1_000_000_000L;
    int slot = (int) Math.floorMod(second, (long) bucketSecond.length);
    if (bucketSecond[slot] != second) {
      bucketSecond[slot] = second;
      successes[slot] = 0;
      failures[slot] = 0;
    }
    if (success) {
      successes[slot]++;
    } else {
      failures[slot]++;
    }
  }

  private boolean rateExceeded(long nowNanos) {
    long second = nowNanos / 1_000_000_000L;
    long ok = 0;
    long failed = 0;
    for (int i = 0; i < bucketSecond.length; i++) {
      if (second - bucketSecond[i] < bucketSecond.length) {
        ok += successes[i];
        failed += failures[i];
      }
    }
    long calls = ok + failed;
    return calls >= config.minimumCalls() && failed * 100 >= calls * (long) config.failureRatePercent();
  }

  private void clearWindow() {
    java.util.Arrays.fill(successes, 0);
    java.util.Arrays.fill(failures, 0);
  }
}
