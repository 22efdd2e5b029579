package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.models.ModelSpec;

/** Turns a validated InvokeModel body into a completion: reply content, token accounting and prompt caching. */
public final class ReplyEngine {
  private final PromptCache cache;

  /** An engine billing against the given prompt cache. */
  public ReplyEngine(PromptCache cache) {
    this.cache = cache;
  }

  /** The prompt cache. */
  public PromptCache cache() {
    return cache;
  }

  /** Generates the reply a model gives to a body. */
  public Completion complete(ObjectNode body, ModelSpec model) {
    Reply reply = ReplyPlanner.plan(ReplyRequest.from(body));
    PromptUsage usage = cache.account(model.id(), InputTokenCounter.count(body));
    return new Completion(Ids.messageId(), model.anthropicName(), reply, usage);
  }

  /** The input tokens of a body, as CountTokens reports them (caching does not change the count). */
  public int countTokens(ObjectNode body) {
    return InputTokenCounter.count(body).total();
  }
}
