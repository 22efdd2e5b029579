package dev.claudebedrock.proxy.core;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;

/**
 * The Messages API's server-sent event as bytes, {@code event: <type>\ndata: <json>\n\n}: how the Anthropic dialect
 * writes every event, and what a relay decodes an upstream's event straight into ({@link #array}, {@link #frame}),
 * so that the event's JSON is written once, where it leaves, instead of being copied into a frame per event.
 */
public final class SseEventBytes {
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  /** The longest type {@link #frame} frames in place (the API's are at most 19 characters). */
  private static final int MAX_TYPE = 32;
  /** Where an event's JSON goes in an {@link #array}: after room for the longest {@code event: <type>\ndata: }. */
  public static final int JSON_AT = EVENT.length + MAX_TYPE + DATA.length;

  private SseEventBytes() {}

  /** An array for one event of {@code jsonLength} bytes of JSON, to be written at {@link #JSON_AT}. */
  public static byte[] array(int jsonLength) {
    return new byte[JSON_AT + jsonLength + END.length];
  }

  /**
   * The event whose single-line JSON is in {@code array[JSON_AT, JSON_AT + jsonLength)} of an {@link #array}, framed
   * in place around it: its {@code json} and {@code sse} share the array. Null when the type is not ASCII or longer
   * than the room left for it (then the caller copies the JSON into an unframed event).
   */
  public static StreamEvent frame(String type, byte[] array, int jsonLength) {
    int typeLength = type.length();
    if (typeLength > MAX_TYPE) {
      return null;
    }
    int start = JSON_AT - DATA.length - typeLength - EVENT.length;
    System.arraycopy(EVENT, 0, array, start, EVENT.length);
    for (int i = 0; i < typeLength; i++) {
      char c = type.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      array[start + EVENT.length + i] = (byte) c;
    }
    System.arraycopy(DATA, 0, array, JSON_AT - DATA.length, DATA.length);
    System.arraycopy(END, 0, array, JSON_AT + jsonLength, END.length);
    Buffer sse = BufferInternal.buffer(Unpooled.wrappedBuffer(array, start, JSON_AT + jsonLength + END.length - start));
    return new StreamEvent(type, sse.slice(JSON_AT - start, JSON_AT - start + jsonLength), sse);
  }

  /** The event's bytes on the wire: its {@code sse} when it was made framed, else framed now from type and JSON. */
  public static Buffer of(StreamEvent event) {
    if (event.sse() != null) {
      return event.sse();
    }
    byte[] name = event.type().getBytes(StandardCharsets.UTF_8);
    Buffer out = Buffer.buffer(EVENT.length + name.length + DATA.length + event.json().length() + END.length);
    return out.appendBytes(EVENT).appendBytes(name).appendBytes(DATA).appendBuffer(event.json()).appendBytes(END);
  }
}
