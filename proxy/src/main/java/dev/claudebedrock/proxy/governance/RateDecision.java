package dev.claudebedrock.proxy.governance;

import java.time.Instant;

/**
 * The rate limiter's answer to one request: admitted or not, and where the first limited scope
 * stands (what the {@code anthropic-ratelimit-*} headers report).
 *
 * @param admitted whether the request may go on
 * @param refusedScope the scope whose limit refused it ({@code key}, {@code team}, {@code organization}), or null
 * @param refusedLimit which limit: {@code requests}, {@code input_tokens}, {@code output_tokens}, {@code concurrent}
 * @param shown the scope the headers describe (the first with limits), or null
 * @param requestsUsed requests counted in the current minute for {@code shown}, this one included
 * @param inputUsed input tokens counted in the current minute for {@code shown}
 * @param outputUsed output tokens counted in the current minute for {@code shown}
 * @param reset when the current minute ends
 * @param ticket what settlement needs, for an admitted request
 */
public record RateDecision(boolean admitted, String refusedScope, String refusedLimit, RateScope shown,
    long requestsUsed, long inputUsed, long outputUsed, Instant reset, RateTicket ticket) {

  /** Seconds until the window that refused the request ends (at least 1). */
  public long retryAfterSeconds() {
    return Math.max(1, (reset.toEpochMilli() - System.currentTimeMillis() + 999) / 1000);
  }
}
