package dev.claudebedrock.sim.control;

import dev.claudebedrock.sim.Operation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the most recent requests (up to a capacity, oldest dropped first) for tests to inspect, and lets test
 * threads wait for requests to arrive or for a client to cancel.
 */
public final class RequestRecorder {
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Recording> recordings = new ArrayDeque<>();
  private long sequence;
  private long sinceClear;
  private volatile int waiters;

  /** A recorder keeping at most {@code capacity} requests; 0 records nothing. */
  public RequestRecorder(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Records an arriving request and returns the handle its response updates. */
  public Recording record(String requestId, String method, String rawPath, String rawQuery, Operation operation,
      String modelId, Map<String, List<String>> headers, byte[] body) {
    lock.lock();
    try {
      Recording recording = new Recording(this, ++sequence, Instant.now(), requestId, method, rawPath, rawQuery,
          operation, modelId, headers, body);
      if (capacity > 0) {
        if (recordings.size() == capacity) {
          recordings.removeFirst();
        }
        recordings.addLast(recording);
        sinceClear++;
        changed.signalAll();
      }
      return recording;
    } finally {
      lock.unlock();
    }
  }

  /** Whether requests are kept at all (headers and bodies need not be copied otherwise). */
  public boolean enabled() {
    return capacity > 0;
  }

  /** The kept requests in arrival order. */
  public List<RecordedRequest> snapshot() {
    lock.lock();
    try {
      List<RecordedRequest> out = new ArrayList<>(recordings.size());
      for (Recording recording : recordings) {
        out.add(recording.snapshot());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets every kept request. */
  public void clear() {
    lock.lock();
    try {
      recordings.clear();
      sinceClear = 0;
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until {@code count} requests arrived since the last clear; returns the kept ones. */
  public List<RecordedRequest> await(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (sinceClear < count) {
        if (!waitUntil(deadline)) {
          throw new IllegalStateException("expected " + count + " requests within " + timeout + ", got " + sinceClear);
        }
      }
      return snapshot();
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until a kept request has been cancelled by its client; returns the earliest such request. */
  public RecordedRequest awaitCancelled(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        for (Recording recording : recordings) {
          if (recording.isCancelled()) {
            return recording.snapshot();
          }
        }
        if (!waitUntil(deadline)) {
          throw new IllegalStateException("no request was cancelled by its client within " + timeout);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  void changed() {
    // Waiters only exist in tests; event loops skip the lock when nobody waits.
    if (waiters > 0) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private boolean waitUntil(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    waiters++; // only ever changed under the lock
    try {
      // Bounded waits: a signal racing with the waiter's last scan is only missed for one slice.
      changed.await(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for requests", e);
    } finally {
      waiters--;
    }
  }
}
