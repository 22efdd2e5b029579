package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows the requests not yet finished, so a graceful shutdown knows when it may stop, and can end
 * the streams still open when the grace period is over.
 */
public final class InFlightRequests extends RequestListener {
  /** How a stream still open at the end of the grace period ends: a retryable error that blames nobody upstream. */
  public static final ApiError SHUTTING_DOWN = ApiError.of(ErrorType.OVERLOADED,
      "The gateway is shutting down; retry the request").withHeader("retry-after", "1");

  private final Set<Exchange> open = ConcurrentHashMap.newKeySet();

  @Override
  public void requestStart(Exchange exchange) {
    open.add(exchange);
  }

  @Override
  public void requestEnd(Exchange exchange, long durationNanos) {
    open.remove(exchange);
  }

  /** Requests started and not yet finished. */
  public int count() {
    return open.size();
  }

  /**
   * Asks every open stream to end with {@link #SHUTTING_DOWN} in its wire format (an {@code error}
   * event, an exception frame), each on its own event loop; requests not streaming yet are left as they are.
   */
  public void endStreams() {
    for (Exchange exchange : open) {
      exchange.shutDown();
    }
  }
}
