package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway takes on at once, shared by every event loop: the requests that call Bedrock, and the request-body
 * bytes it holds. A request takes a place when one is free A request takes a
 * place when one is free; otherwise it waits in a bounded queue, at most for the queue timeout; when the queue is
 * full, or the time is up, it is refused. A freed place goes to the longest-waiting request of a key that holds less
 * than its share, else to the longest-waiting request: a key may use every free place while nobody waits (work
 * conserving), but cannot crowd others out once they queue.
 *
 * <p>Waiting costs no memory beyond the waiter: the stage that asks sits before the body is read, so an admitted
 * request's body stays in its socket meanwhile. Every operation holds the lock for a few field updates; waiters are
 * completed on their own event loop.
 */
public final class Admission {
  /** Why a request was refused: the {@code reason} label of the metric (a closed set). */
  public enum Shed {
    /** The waiting queue was full. */
    QUEUE_FULL("queue_full"),
    /** No place came free within the queue timeout. */
    QUEUE_TIMEOUT("queue_timeout"),
    /** The request bodies the gateway holds reached their limit. */
    BODY_BYTES("body_bytes");

    private final String label;

    Shed(String label) {
      this.label = label;
    }

    /** The metric label value. */
    public String label() {
      return label;
    }
  }

  /** A refusal, with why; no reason when the request stopped waiting because its client left. */
  public static final class Refused extends RuntimeException {
    private final Shed reason;

    Refused(Shed reason) {
      super(reason == null ? "cancelled" : reason.label(), null, false, false);
      this.reason = reason;
    }

    /** Why the request was refused, or null when its client left while it waited. */
    public Shed reason() {
      return reason;
    }
  }

  private final int maxInFlight;
  private final int keyShare;
  private final int queueSize;
  private final long queueTimeoutMs;
  private final int readyThreshold;
  private final Duration retryAfter;
  private final long maxBodyBytes;
  private final AtomicLong bodyBytes = new AtomicLong();
  private final Map<String, Integer> perKey = new HashMap<>();
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param keySharePercent the share of {@code maxInFlight} a key holds before other keys' waiting requests go first
   * @param readyPercent the share of {@code maxInFlight} in use from which {@link #saturation()} reports a problem
   * @param retryAfter the {@code retry-after} of a refusal
   * @param maxBodyBytes the request-body bytes held at once
   */
  public Admission(int maxInFlight, int keySharePercent, int queueSize, Duration queueTimeout, int readyPercent,
      Duration retryAfter, long maxBodyBytes) {
    this.retryAfter = retryAfter;
    this.maxBodyBytes = maxBodyBytes;
    this.maxInFlight = maxInFlight;
    this.keyShare = Math.max(1, (int) ((long) maxInFlight * keySharePercent / 100));
    this.queueSize = queueSize;
    this.queueTimeoutMs = Math.max(1, queueTimeout.toMillis());
    this.readyThreshold = Math.max(1, (int) Math.ceil((double) maxInFlight * readyPercent / 100));
  }

  /**
   * A place for a request of {@code key}: at once when one is free, else when one comes free within the queue
   * timeout; fails with {@link Refused} otherwise. Call on the request's event loop; {@link Permit#release()}
   * gives the place back, and cancels the wait if it has not been granted yet.
   */
  public Permit acquire(Vertx vertx, String key) {
    Context context = vertx.getOrCreateContext();
    Waiter waiter = new Waiter(key, context);
    synchronized (this) {
      if (inFlight < maxInFlight) {
        inFlight++;
        perKey.merge(key, 1, Integer::sum);
        waiter.granted = true;
        waiter.promise.complete();
        return waiter;
      }
      if (waiting.size() >= queueSize) {
        waiter.promise.fail(new Refused(Shed.QUEUE_FULL));
        return waiter;
      }
      waiting.addLast(waiter);
    }
    waiter.timer = vertx.setTimer(queueTimeoutMs, id -> waiter.expire());
    return waiter;
  }

  /** Takes {@code bytes} of the request-body budget; false (nothing taken) when they do not fit. */
  public boolean reserveBody(long bytes) {
    while (true) {
      long held = bodyBytes.get();
      if (held + bytes > maxBodyBytes) {
        return false;
      }
      if (bodyBytes.compareAndSet(held, held + bytes)) {
        return true;
      }
    }
  }

  /** Gives request-body bytes back. */
  public void releaseBody(long bytes) {
    if (bytes > 0) {
      bodyBytes.addAndGet(-bytes);
    }
  }

  /** Request-body bytes held now. */
  public long bodyBytes() {
    return bodyBytes.get();
  }

  /** The refusal a client reads: 529 {@code overloaded_error}, what happened, and when to retry. */
  public ApiError refusal(Shed reason) {
    String why = switch (reason) {
      case QUEUE_FULL -> "too many requests are waiting";
      case QUEUE_TIMEOUT -> "no place came free in time";
      case BODY_BYTES -> "it holds as many request bodies as it can";
    };
    return new ApiError(ErrorType.OVERLOADED, ErrorType.OVERLOADED.status(),
        "The gateway is overloaded (" + why + "); retry the request",
        Map.of("retry-after", Long.toString(retryAfter.toSeconds())));
  }

  /** Requests served now. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** Requests waiting for a place now. */
  public synchronized int waiting() {
    return waiting.size();
  }

  /** Empty while the gateway has room; otherwise how saturated it is (a readiness problem). */
  public synchronized String saturation() {
    if (waiting.isEmpty() && inFlight < readyThreshold) {
      return "";
    }
    return inFlight + " of " + maxInFlight + " requests in flight, " + waiting.size() + " waiting";
  }

  /** Hands a freed place of {@code key} to a waiter, or frees it; returns the waiter to wake, or null. */
  private synchronized Waiter free(String key) {
    perKey.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    Waiter next = null;
    for (Iterator<Waiter> it = waiting.iterator(); it.hasNext();) {
      Waiter candidate = it.next();
      if (perKey.getOrDefault(candidate.key, 0) < keyShare) {
        next = candidate;
        it.remove();
        break;
      }
    }
    if (next == null) {
      next = waiting.pollFirst();
    }
    if (next == null) {
      inFlight--;
      return null;
    }
    perKey.merge(next.key, 1, Integer::sum);
    next.granted = true;
    return next;
  }

  /** A request's place, granted or awaited. */
  public interface Permit {
    /** Completes when the place is granted; fails with {@link Refused}. */
    Future<Void> granted();

    /** Gives the place back (once), or stops waiting for it. */
    void release();
  }

  private final class Waiter implements Permit {
    final String key;
    final Context context;
    final Promise<Void> promise = Promise.promise();
    // Guarded by the Admission's lock.
    boolean granted;
    boolean released;
    long timer = -1;

    Waiter(String key, Context context) {
      this.key = key;
      this.context = context;
    }

    @Override
    public Future<Void> granted() {
      return promise.future();
    }

    /** The queue timeout: refused unless granted meanwhile. */
    void expire() {
      synchronized (Admission.this) {
        if (granted || !waiting.remove(this)) {
          return;
        }
      }
      promise.tryFail(new Refused(Shed.QUEUE_TIMEOUT));
    }

    @Override
    public void release() {
      boolean held;
      synchronized (Admission.this) {
        if (released) {
          return;
        }
        released = true;
        held = granted;
        if (!held) {
          waiting.remove(this);
        }
      }
      if (!held) {
        if (timer >= 0) {
          context.owner().cancelTimer(timer);
        }
        promise.tryFail(new Refused(null));
        return;
      }
      Waiter next = free(key);
      if (next != null) {
        if (next.timer >= 0) {
          next.context.owner().cancelTimer(next.timer);
        }
        next.context.runOnContext(v -> {
          if (!next.promise.tryComplete()) {
            next.release();
          }
        });
      }
    }
  }
}
