package dev.claudebedrock.sim.reply;

import java.util.List;

/**
 * A planned reply: its content blocks and why it stopped.
 *
 * @param blocks       content blocks in order
 * @param stopReason   {@code end_turn}, {@code max_tokens}, {@code stop_sequence} or {@code tool_use}
 * @param stopSequence the stop sequence that ended it, or null
 */
public record Reply(List<ReplyBlock> blocks, String stopReason, String stopSequence) {

  /** Output tokens: one per piece of every block. */
  public int outputTokens() {
    int total = 0;
    for (ReplyBlock block : blocks) {
      total += block.tokens();
    }
    return total;
  }
}
