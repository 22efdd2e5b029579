package dev.claudebedrock.sim.reply;

/**
 * How a prompt's input tokens were billed.
 *
 * @param inputTokens          tokens neither read from nor written to the cache
 * @param cacheCreationTokens  tokens written to the cache
 * @param cacheReadTokens      tokens read from the cache
 * @param ephemeral5mTokens    the part of the written tokens with a 5-minute lifetime
 * @param ephemeral1hTokens    the part of the written tokens with a 1-hour lifetime
 */
public record PromptUsage(int inputTokens, int cacheCreationTokens, int cacheReadTokens, int ephemeral5mTokens,
    int ephemeral1hTokens) {

  /** A prompt that did not touch the cache. */
  public static PromptUsage uncached(int inputTokens) {
    return new PromptUsage(inputTokens, 0, 0, 0, 0);
  }
}
