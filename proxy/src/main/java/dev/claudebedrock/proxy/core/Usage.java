package dev.claudebedrock.proxy.core;

/**
 * Tokens an upstream reported for a response, as far as one report goes: a field it did not report is
 * -1. A stream reports several times (its start, its last delta, Bedrock's closing metrics); a later
 * report of a field replaces an earlier one.
 *
 * @param input input tokens
 * @param output output tokens
 * @param cacheRead input tokens read from the prompt cache
 * @param cacheWrite input tokens written to the prompt cache
 * @param cacheWrite1h of those, the ones written to the 1-hour cache
 */
public record Usage(long input, long output, long cacheRead, long cacheWrite, long cacheWrite1h) {

  /** Whether the report carries no field at all. */
  public boolean isEmpty() {
    return input < 0 && output < 0 && cacheRead < 0 && cacheWrite < 0 && cacheWrite1h < 0;
  }
}
