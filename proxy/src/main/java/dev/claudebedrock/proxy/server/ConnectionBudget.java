package dev.claudebedrock.proxy.server;

import java.util.concurrent.atomic.AtomicInteger;

/** The client connections every event loop together may hold: a count against a limit, shared by the loops. */
public final class ConnectionBudget {
  private final int limit;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionBudget(int limit) {
    this.limit = limit;
  }

  /** Takes a place for a new connection; false at the limit. */
  boolean tryAcquire() {
    while (true) {
      int now = open.get();
      if (now >= limit) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives a closed connection's place back. */
  void release() {
    open.decrementAndGet();
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  /** The most connections held at once. */
  public int limit() {
    return limit;
  }
}
