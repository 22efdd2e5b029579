package dev.claudebedrock.proxy.governance;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate limits counted in this process: exact for one replica, and the fallback when Redis is
 * unreachable (then each replica counts on its own). Fixed one-minute windows aligned to the UTC
 * minute; one lock, held for a few map operations.
 */
public final class LocalRateLimiter implements RateLimiter {
  private final Map<String, long[]> windows = new HashMap<>();
  private final Map<String, long[]> inFlight = new HashMap<>();

  @Override
  public Future<RateDecision> admit(List<RateScope> scopes, long estimatedInput) {
    return Future.succeededFuture(admitNow(scopes, estimatedInput));
  }

  /** The same decision, synchronously. */
  public synchronized RateDecision admitNow(List<RateScope> scopes, long estimatedInput) {
    long minute = System.currentTimeMillis() / 60_000;
    Instant reset = Instant.ofEpochMilli((minute + 1) * 60_000);
    for (RateScope scope : scopes) {
      long[] w = window(scope, minute);
      long concurrent = inFlight.getOrDefault(slot(scope), ZERO)[0];
      String refused = RateRules.refusal(scope.limits(), w[1], w[2], w[3], concurrent, estimatedInput);
      if (refused != null) {
        return new RateDecision(false, scope.kind(), refused, scope, w[1], w[2], w[3], reset, null);
      }
    }
    RateScope shown = null;
    long[] shownWindow = null;
    for (RateScope scope : scopes) {
      long[] w = window(scope, minute);
      w[1]++;
      w[2] += estimatedInput;
      if (scope.limits().maxConcurrent() > 0) {
        inFlight.computeIfAbsent(slot(scope), k -> new long[1])[0]++;
      }
      if (shown == null) {
        shown = scope;
        shownWindow = w;
      }
    }
    RateTicket ticket = new RateTicket(scopes, minute, estimatedInput, false);
    return shown == null ? new RateDecision(true, null, null, null, 0, 0, 0, reset, ticket)
        : new RateDecision(true, null, null, shown, shownWindow[1], shownWindow[2], shownWindow[3], reset, ticket);
  }

  @Override
  public synchronized void settle(RateTicket ticket, long realInput, long output) {
    for (RateScope scope : ticket.scopes()) {
      long[] w = windows.get(slot(scope));
      if (w != null && w[0] == ticket.minute()) {
        w[2] += realInput - ticket.estimatedInput();
      }
      long[] current = window(scope, System.currentTimeMillis() / 60_000);
      current[3] += output;
      if (scope.limits().maxConcurrent() > 0) {
        long[] held = inFlight.get(slot(scope));
        if (held != null && --held[0] <= 0) {
          inFlight.remove(slot(scope));
        }
      }
    }
  }

  private static final long[] ZERO = {0};

  private static String slot(RateScope scope) {
    return scope.kind() + ":" + scope.id();
  }

  /** The scope's counters for a minute: {minute, requests, input tokens, output tokens}; a new minute starts at 0. */
  private long[] window(RateScope scope, long minute) {
    long[] w = windows.computeIfAbsent(slot(scope), k -> new long[] {minute, 0, 0, 0});
    if (w[0] != minute) {
      w[0] = minute;
      w[1] = 0;
      w[2] = 0;
      w[3] = 0;
    }
    return w;
  }
}
