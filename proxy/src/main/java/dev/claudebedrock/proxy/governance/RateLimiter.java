package dev.claudebedrock.proxy.governance;

import io.vertx.core.Future;
import java.util.List;

/**
 * Counts requests, input and output tokens per UTC minute, and requests in flight, per scope. A
 * request is admitted only if every scope has room, and is then counted in all of them at once.
 */
public interface RateLimiter extends AutoCloseable {

  /** Admits a request (counting it) or refuses it; {@code estimatedInput} is charged now, corrected later. */
  Future<RateDecision> admit(List<RateScope> scopes, long estimatedInput);

  /** The request ended: correct its input tokens to the real count, add its output tokens, free its slot. */
  void settle(RateTicket ticket, long realInput, long output);

  @Override
  default void close() {}
}
