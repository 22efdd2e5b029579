package dev.claudebedrock.bench.load;

/** The dialect a target speaks: how a request is addressed and how its stream is framed. */
public enum Api {
  /** The Anthropic Messages API: {@code POST /v1/messages}, streams as server-sent events. */
  ANTHROPIC,
  /** Bedrock InvokeModel: {@code POST /model/{id}/invoke[-with-response-stream]}, streams as event-stream frames. */
  BEDROCK;

  /** The request path for a model, below the target's base path. */
  public String path(String model, boolean stream) {
    return switch (this) {
      case ANTHROPIC -> "/v1/messages";
      case BEDROCK -> "/model/" + model + (stream ? "/invoke-with-response-stream" : "/invoke");
    };
  }

  /** A fresh counter of the events in one streamed response. */
  public EventCounter eventCounter() {
    return switch (this) {
      case ANTHROPIC -> new SseEventCounter();
      case BEDROCK -> new EventStreamFrameCounter();
    };
  }
}
