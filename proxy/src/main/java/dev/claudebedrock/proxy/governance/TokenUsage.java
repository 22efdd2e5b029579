package dev.claudebedrock.proxy.governance;

/**
 * The tokens one request consumed, as Bedrock reported them (0 where it reported nothing).
 *
 * @param input uncached input tokens
 * @param output output tokens
 * @param cacheWrite5m input tokens written to the 5-minute prompt cache
 * @param cacheWrite1h input tokens written to the 1-hour prompt cache
 * @param cacheRead input tokens read from the prompt cache
 */
public record TokenUsage(long input, long output, long cacheWrite5m, long cacheWrite1h, long cacheRead) {
  /** Nothing consumed. */
  public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

  /** Every input token: uncached, written and read. */
  public long totalInput() {
    return input + cacheWrite5m + cacheWrite1h + cacheRead;
  }

  /** Input tokens written to the prompt cache, both lifetimes. */
  public long cacheWrite() {
    return cacheWrite5m + cacheWrite1h;
  }
}
