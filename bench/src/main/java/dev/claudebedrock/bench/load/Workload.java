package dev.claudebedrock.bench.load;

import java.util.OptionalInt;

/**
 * What each request asks for: a body, streamed or not, and the exact number of reply tokens (the simulator's
 * {@code [[sim:tokens=N]]} directive; a real model reads it as text).
 */
public record Workload(BodyKind body, boolean stream, int replyTokens) {
  public Workload {
    if (replyTokens < 1 || replyTokens > 10_000) {
      throw new IllegalArgumentException("reply tokens " + replyTokens + ": expected 1 to 10000");
    }
  }

  /**
   * The events a stream of this workload must have where the simulator answers: message_start, content_block_start,
   * one delta per token, content_block_stop, message_delta, message_stop. Known for the small body only (the Claude
   * Code body asks for thinking, which adds a block).
   */
  public OptionalInt expectedEvents() {
    return expectedEvents(Api.ANTHROPIC);
  }

  /** The same for a stream in a given dialect (an OpenAI stream has fewer events around the same text). */
  public OptionalInt expectedEvents(Api api) {
    return body == BodyKind.SMALL ? OptionalInt.of(replyTokens + api.eventsAroundText()) : OptionalInt.empty();
  }

  /** Output tokens sent up to and including event {@code index} of such a stream: when the pacing lets it out. */
  public int tokensThrough(int index) {
    return tokensThrough(Api.ANTHROPIC, index);
  }

  /** The same for a stream in a given dialect. */
  public int tokensThrough(Api api, int index) {
    return Math.clamp(index - api.eventsBeforeText() + 1, 0, replyTokens);
  }
}
