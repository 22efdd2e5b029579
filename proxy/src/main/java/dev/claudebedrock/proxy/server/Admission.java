package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.config.AdmissionConfig;
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
import java.util.function.BooleanSupplier;

/**
 * What the gateway takes on at once, shared by every event loop: the requests that call Bedrock, and the request-body
 * bytes it holds. A request takes a place when one is free; otherwise it waits in a bounded queue, at most for the
 * queue timeout; when the queue is full, or the time is up, it is refused. A freed place goes to the longest-waiting
 * request of a key that holds less than its share, else to the longest-waiting request: a key may use every free
 * place while nobody waits (work conserving), but cannot crowd others out once they queue.
 *
 * <p>One key (an authenticated identity) holds or waits for at most its cap of places: beyond it the request is
 * refused at once, without queueing, so a single client flooding the gateway leaves the other places, and the queue,
 * to everyone else. Per-key counts exist only while the key has a request holding or awaiting a place, so the map is
 * bounded by {@code max_in_flight + queue_size}.
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
    BODY_BYTES("body_bytes"),
    /** The request's key already held or awaited as many places as one key may. */
    KEY_IN_FLIGHT("key_in_flight");

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
  private final AdmissionConfig limits;
  private final BooleanSupplier severalIdentities;
  private final int keyShare;
  private final int queueSize;
  private final long queueTimeoutMs;
  private final int readyThreshold;
  private final Duration retryAfter;
  private final long maxBodyBytes;
  private final AtomicLong bodyBytes = new AtomicLong();
  private final Map<String, KeyCount> perKey = new HashMap<>();
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param limits the {@code admission.*} settings
   * @param severalIdentities whether the gateway now tells more than one client identity apart (the default per-key
   *     cap depends on it; read on every request, so a key added while serving counts at once)
   */
  public Admission(AdmissionConfig limits, BooleanSupplier severalIdentities) {
    this.limits = limits;
    this.severalIdentities = severalIdentities;
    this.retryAfter = limits.retryAfter();
    this.maxBodyBytes = limits.effectiveMaxBodyBytesInFlight();
    this.maxInFlight = limits.maxInFlight();
    this.keyShare = Math.max(1, (int) ((long) maxInFlight * limits.keySharePercent() / 100));
    this.queueSize = limits.queueSize();
    this.queueTimeoutMs = Math.max(1, limits.queueTimeout().toMillis());
    this.readyThreshold = Math.max(1, (int) Math.ceil((double) maxInFlight * limits.readyPercent() / 100));
  }

  /**
   * A place for a request of {@code key}: refused at once when the key already holds or awaits its cap of places,
   * else granted at once when one is free, else when one comes free within the queue timeout; fails with
   * {@link Refused} otherwise. Call on the request's event loop; {@link Permit#release()}
   * gives the place back, and cancels the wait if it has not been granted yet.
   */
  public Permit acquire(Vertx vertx, String key) {
    Context context = vertx.getOrCreateContext();
    Waiter waiter = new Waiter(key, context);
    int cap = limits.effectiveMaxInFlightPerKey(severalIdentities.getAsBoolean());
    synchronized (this) {
      KeyCount count = perKey.get(key);
      if (count != null && count.held + count.waiting >= cap) {
        waiter.promise.fail(new Refused(Shed.KEY_IN_FLIGHT));
        return waiter;
      }
      if (inFlight < maxInFlight) {
        inFlight++;
        perKey.computeIfAbsent(key, k -> new KeyCount()).held++;
        waiter.granted = true;
        waiter.promise.complete();
        return waiter;
      }
      if (waiting.size() >= queueSize) {
        waiter.promise.fail(new Refused(Shed.QUEUE_FULL));
        return waiter;
      }
      waiting.addLast(waiter);
      perKey.computeIfAbsent(key, k -> new KeyCount()).waiting++;
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

  /**
   * The refusal a client reads: 529 {@code overloaded_error} when the gateway is full, 429 {@code rate_limit_error}
   * when the request's own key is at its cap (the gateway still serves others); what happened, and when to retry.
   */
  public ApiError refusal(Shed reason) {
    Map<String, String> headers = Map.of("retry-after", Long.toString(retryAfter.toSeconds()));
    if (reason == Shed.KEY_IN_FLIGHT) {
      return new ApiError(ErrorType.RATE_LIMIT, ErrorType.RATE_LIMIT.status(),
          "This key has as many requests in progress as one key may have on this gateway; retry when one ends",
          headers);
    }
    String why = switch (reason) {
      case QUEUE_FULL -> "too many requests are waiting";
      case QUEUE_TIMEOUT -> "no place came free in time";
      case BODY_BYTES -> "it holds as many request bodies as it can";
      case KEY_IN_FLIGHT -> throw new IllegalArgumentException(reason.label());
    };
    return new ApiError(ErrorType.OVERLOADED, ErrorType.OVERLOADED.status(),
        "The gateway is overloaded (" + why + "); retry the request", headers);
  }

  /** The keys holding or awaiting a place now (their per-key counts; none is kept for an idle key). */
  public synchronized int keys() {
    return perKey.size();
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
    KeyCount freed = perKey.get(key);
    freed.held--;
    forgetIfIdle(key, freed);
    Waiter next = null;
    for (Iterator<Waiter> it = waiting.iterator(); it.hasNext();) {
      Waiter candidate = it.next();
      if (perKey.get(candidate.key).held < keyShare) {
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
    KeyCount count = perKey.get(next.key);
    count.waiting--;
    count.held++;
    next.granted = true;
    return next;
  }

  /** A waiter that left the queue without a place. Call holding the lock. */
  private void unqueue(String key) {
    KeyCount count = perKey.get(key);
    count.waiting--;
    forgetIfIdle(key, count);
  }

  private void forgetIfIdle(String key, KeyCount count) {
    if (count.held == 0 && count.waiting == 0) {
      perKey.remove(key);
    }
  }

  /** The places a key holds and awaits. Guarded by the Admission's lock. */
  private static final class KeyCount {
    int held;
    int waiting;
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
        unqueue(key);
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
        if (!held && waiting.remove(this)) {
          unqueue(key);
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
