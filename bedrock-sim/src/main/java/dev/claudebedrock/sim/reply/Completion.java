package dev.claudebedrock.sim.reply;

/**
 * A reply ready to render: what was generated and how it is billed.
 *
 * @param messageId the Message id ({@code msg_bdrk_…})
 * @param model     the Anthropic model name reported in the Message
 * @param reply     the content and stop reason
 * @param usage     the input-side billing
 */
public record Completion(String messageId, String model, Reply reply, PromptUsage usage) {

  /** Output tokens of the reply. */
  public int outputTokens() {
    return reply.outputTokens();
  }
}
