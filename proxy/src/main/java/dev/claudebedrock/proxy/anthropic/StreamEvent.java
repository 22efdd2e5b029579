package dev.claudebedrock.proxy.anthropic;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One Anthropic stream event: its {@code type} and its single-line JSON, ready for the wire.
 *
 * @param type the event name, equal to the JSON {@code type}
 * @param json the event's JSON without line breaks
 */
public record StreamEvent(String type, Buffer json) {
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  /** The {@code ping} event. */
  public static final StreamEvent PING = of("ping", "{\"type\":\"ping\"}");

  /** An event from JSON text. */
  public static StreamEvent of(String type, String json) {
    return new StreamEvent(type, Buffer.buffer(json));
  }

  /** {@code event: <type>\ndata: <json>\n\n} as one buffer. */
  public Buffer toSse() {
    byte[] name = type.getBytes(StandardCharsets.UTF_8);
    Buffer out = Buffer.buffer(EVENT.length + name.length + DATA.length + json.length() + END.length);
    return out.appendBytes(EVENT).appendBytes(name).appendBytes(DATA).appendBuffer(json).appendBytes(END);
  }

  /** Whether this event carries generated content (the first one marks time to first token). */
  public boolean isContentDelta() {
    return "content_block_delta".equals(type);
  }
}
