package dev.claudebedrock.proxy.core;

import io.vertx.core.buffer.Buffer;

/**
 * One event of a Messages stream: its {@code type} and its single-line JSON. How it is framed for
 * a client (server-sent events, a chunk of another API) is up to the route's wire dialect.
 *
 * @param type the event name, equal to the JSON {@code type}
 * @param json the event's JSON without line breaks
 * @param sse the same event already framed as the Messages API's server-sent event ({@link SseEventBytes}), when
 *     whoever made it wrote it so (an upstream's bytes decoded straight into it); null otherwise
 */
public record StreamEvent(String type, Buffer json, Buffer sse) {

  /** An event that is not framed yet. */
  public StreamEvent(String type, Buffer json) {
    this(type, json, null);
  }

  /** An event from JSON text. */
  public static StreamEvent of(String type, String json) {
    return new StreamEvent(type, Buffer.buffer(json));
  }

  /** Whether this event carries generated content (the first one marks time to first token). */
  public boolean isContentDelta() {
    return "content_block_delta".equals(type);
  }
}
