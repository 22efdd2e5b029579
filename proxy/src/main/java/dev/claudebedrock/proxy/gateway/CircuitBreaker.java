package dev.claudebedrock.proxy.gateway;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.claudebedrock.proxy.config.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target's circuit breaker. Closed, it lets everything through and watches failures; it opens
 * after too many failures in a row or too high a failure rate over a sliding window; open, it
 * turns requests away so they go to other targets at once; after a while it lets one probe
 * through (half-open) and closes on its success or opens again on its failure.
 *
 * <p>Only failures that say the target cannot serve count ({@link RetryPolicy#blame}): 5xx answers,
 * timeouts and connection failures. Throttling does not: it is load, which failover and backoff
 * handle, and ejecting a throttled target would only pile its share onto the others (ARCHITECTURE.md,
 * "Circuit breaking"). Every change of state is logged and told to the {@link TransitionListener}.
 *
 * <p>Shared by every event loop; each call is a few field updates under the lock.
 */
public final class CircuitBreaker {
  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  /** Breaker states, with the values of the {@code gateway_circuit_state} gauge. */
  public enum State {
    CLOSED(0, "closed"),
    HALF_OPEN(1, "half_open"),
    OPEN(2, "open");

    private final int gauge;
    private final String label;

    State(int gauge, String label) {
      this.gauge = gauge;
      this.label = label;
    }

    /** The metric value. */
    public int gauge() {
      return gauge;
    }

    /** The metric label and log word ({@code closed}, {@code half_open}, {@code open}). */
    public String label() {
      return label;
    }
  }

  /** Hears every change of a breaker's state, after it happened and outside the breaker's lock. */
  @FunctionalInterface
  public interface TransitionListener {
    /** The breaker of {@code target} went from {@code from} to {@code to}, for the reason {@code why}. */
    void transition(String target, State from, State to, String why);

    TransitionListener NONE = (target, from, to, why) -> {};
  }

  private final String target;
  private final CircuitBreakerConfig config;
  private final boolean enabled;
  private final TransitionListener listener;
  private final long[] successes;
  private final long[] failures;
  private final long[] bucketSecond;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openUntilNanos;
  private boolean probeInFlight;

  public CircuitBreaker(String target, CircuitBreakerConfig config, boolean enabled) {
    this(target, config, enabled, TransitionListener.NONE);
  }

  public CircuitBreaker(String target, CircuitBreakerConfig config, boolean enabled, TransitionListener listener) {
    this.target = target;
    this.config = config;
    this.enabled = enabled;
    this.listener = listener;
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
  public boolean tryAcquire(long nowNanos) {
    if (!enabled) {
      return true;
    }
    synchronized (this) {
      switch (state) {
        case CLOSED -> {
          return true;
        }
        case HALF_OPEN -> {
          if (probeInFlight) {
            return false;
          }
          probeInFlight = true;
          return true;
        }
        default -> {
          if (nowNanos < openUntilNanos) {
            return false;
          }
          state = State.HALF_OPEN;
          probeInFlight = true;
        }
      }
    }
    announce(State.OPEN, State.HALF_OPEN, "open for " + config.openFor().toSeconds() + " s: one probe goes through");
    return true;
  }

  /** Whether the target would accept a request now, without taking a probe slot (readiness, panic routing). */
  public synchronized boolean available(long nowNanos) {
    return !enabled || state == State.CLOSED
        || (state == State.OPEN && nowNanos >= openUntilNanos) || (state == State.HALF_OPEN && !probeInFlight);
  }

  /** The target answered; returns the state this moved the breaker to, or null when it stayed as it was. */
  public State onSuccess(long nowNanos) {
    State from;
    synchronized (this) {
      record(nowNanos, true);
      consecutiveFailures = 0;
      from = state;
      if (from == State.CLOSED) {
        return null;
      }
      state = State.CLOSED;
      probeInFlight = false;
      clearWindow();
    }
    announce(from, State.CLOSED, from == State.HALF_OPEN ? "the probe succeeded"
        : "a request sent while every target's circuit was open succeeded");
    return State.CLOSED;
  }

  /**
   * The target failed in a way that says it cannot serve (5xx, timeout, connection); returns the state this moved
   * the breaker to, or null when it stayed as it was.
   */
  public State onFailure(long nowNanos) {
    State from;
    String why;
    synchronized (this) {
      record(nowNanos, false);
      consecutiveFailures++;
      from = state;
      if (from == State.HALF_OPEN) {
        why = "the probe failed";
      } else if (consecutiveFailures >= config.consecutiveFailures()) {
        why = consecutiveFailures == 1 ? "1 failure" : consecutiveFailures + " failures in a row";
      } else {
        why = rateExceeded(nowNanos);
      }
      if (!enabled || why == null) {
        return null;
      }
      open(nowNanos);
      if (from == State.OPEN) {
        return null; // failed again while open (sent in panic): stays open, for another open period
      }
    }
    announce(from, State.OPEN, why);
    return State.OPEN;
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

  private void announce(State from, State to, String why) {
    String message = "Circuit of target " + target + " " + from.label() + " -> " + to.label() + ": " + why;
    if (to == State.OPEN) {
      log.warn(message, kv("target", target), kv("from", from.label()), kv("to", to.label()));
    } else {
      log.info(message, kv("target", target), kv("from", from.label()), kv("to", to.label()));
    }
    listener.transition(target, from, to, why);
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

  /** Why the failure rate over the window opens the circuit, or null when it does not. */
  private String rateExceeded(long nowNanos) {
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
    if (calls < config.minimumCalls() || failed * 100 < calls * (long) config.failureRatePercent()) {
      return null;
    }
    return failed + " failures in " + calls + " calls over " + config.window().toSeconds() + " s";
  }

  private void clearWindow() {
    java.util.Arrays.fill(successes, 0);
    java.util.Arrays.fill(failures, 0);
  }
}
