package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.Limits;

/** When a scope refuses a request, the same rule for local and shared counters. */
final class RateRules {
  private RateRules() {}

  /**
   * The limit a request would break, or null when it fits. Input tokens: the estimate must fit in what is left of
   * the minute, except in a minute with nothing counted yet (a request larger than the whole limit is let through
   * once a minute rather than refused forever). Output tokens: refused once the minute's allowance is used up.
   */
  static String refusal(Limits limits, long requests, long input, long output, long concurrent, long estimate) {
    if (limits.requestsPerMinute() > 0 && requests >= limits.requestsPerMinute()) {
      return "requests";
    }
    if (limits.inputTokensPerMinute() > 0 && input > 0 && input + estimate > limits.inputTokensPerMinute()) {
      return "input_tokens";
    }
    if (limits.outputTokensPerMinute() > 0 && output >= limits.outputTokensPerMinute()) {
      return "output_tokens";
    }
    if (limits.maxConcurrent() > 0 && concurrent >= limits.maxConcurrent()) {
      return "concurrent";
    }
    return null;
  }
}
