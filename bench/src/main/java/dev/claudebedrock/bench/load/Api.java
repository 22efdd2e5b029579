package dev.claudebedrock.bench.load;

/** The dialect a target speaks: how a request is addressed and how its stream is framed. */
public enum Api {
  /** The Anthropic Messages API: {@code POST /v1/messages}, streams as server-sent events. */
  ANTHROPIC,
  /** Bedrock InvokeModel: {@code POST /model/{id}/invoke[-with-response-stream]}, streams as event-stream frames. */
  BEDROCK,
  /** The OpenAI Chat Completions API: {@code POST /v1/chat/completions}, streams as server-sent events. */
  OPENAI,
  /**
   * Bedrock's native Messages API ("bedrock-mantle"): {@code POST /anthropic/v1/messages} with a Bedrock model id,
   * streams as server-sent events.
   */
  MANTLE;

  /** The request path for a model, below the target's base path. */
  public String path(String model, boolean stream) {
    return switch (this) {
      case ANTHROPIC -> "/v1/messages";
      case OPENAI -> "/v1/chat/completions";
      case BEDROCK -> "/model/" + model + (stream ? "/invoke-with-response-stream" : "/invoke");
      case MANTLE -> "/anthropic/v1/messages";
    };
  }

  /**
   * Events of a stream besides its text deltas where the simulator answers: message_start, content_block_start,
   * content_block_stop, message_delta, message_stop; for OpenAI the role chunk, the finish chunk and {@code [DONE]}.
   */
  public int eventsAroundText() {
    return this == OPENAI ? 3 : 5;
  }

  /** Events before the first text delta: message_start and content_block_start; for OpenAI the role chunk. */
  public int eventsBeforeText() {
    return this == OPENAI ? 1 : 2;
  }

  /** A fresh counter of the events in one streamed response. */
  public EventCounter eventCounter() {
    return switch (this) {
      case ANTHROPIC, OPENAI, MANTLE -> new SseEventCounter();
      case BEDROCK -> new EventStreamFrameCounter();
    };
  }
}
