package dev.claudebedrock.sim.reply;

import java.util.List;

/** One content block of a planned reply; each piece is one output token and one delta event. */
public sealed interface ReplyBlock {

  /** The output tokens the block costs. */
  int tokens();

  /** A text block. */
  record Text(List<String> pieces) implements ReplyBlock {
    /** The full text. */
    public String text() {
      return String.join("", pieces);
    }

    @Override
    public int tokens() {
      return pieces.size();
    }
  }

  /** A thinking block; when omitted, its tokens are spent but no thinking text is shown. */
  record Thinking(List<String> pieces, String signature, boolean omitted) implements ReplyBlock {
    /** The thinking text as shown to the client (empty when omitted). */
    public String text() {
      return omitted ? "" : String.join("", pieces);
    }

    @Override
    public int tokens() {
      return pieces.size();
    }
  }

  /** A tool call; {@code complete} is false when max_tokens cut its input short. */
  record ToolUse(String id, String name, String inputJson, List<String> pieces,
      boolean complete) implements ReplyBlock {
    @Override
    public int tokens() {
      return pieces.size();
    }
  }
}
