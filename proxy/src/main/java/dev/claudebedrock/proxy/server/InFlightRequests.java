package dev.claudebedrock.proxy.server;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests not yet finished, so a graceful shutdown knows when it may stop. */
public final class InFlightRequests extends RequestListener {
  private final AtomicInteger count = new AtomicInteger();

  @Override
  public void requestStart(Exchange exchange) {
    count.incrementAndGet();
  }

  @Override
  public void requestEnd(Exchange exchange, long durationNanos) {
    count.decrementAndGet();
  }

  /** Requests started and not yet finished. */
  public int count() {
    return count.get();
  }
}
