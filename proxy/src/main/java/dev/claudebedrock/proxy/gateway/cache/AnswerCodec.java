package dev.claudebedrock.proxy.gateway.cache;

import dev.claudebedrock.proxy.core.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a cached answer in a shared store: a version byte, a kind byte, then the JSON body,
 * or a count of events each written as its type and its JSON with their lengths.
 */
final class AnswerCodec {
  private static final byte VERSION = 1;
  private static final byte JSON = 1;
  private static final byte EVENTS = 2;

  private AnswerCodec() {}

  static Buffer encode(CachedAnswer answer) {
    Buffer out = Buffer.buffer(answer.size() + 16).appendByte(VERSION);
    if (!answer.streamed()) {
      return out.appendByte(JSON).appendBuffer(answer.json());
    }
    out.appendByte(EVENTS).appendInt(answer.events().size());
    for (StreamEvent event : answer.events()) {
      byte[] type = event.type().getBytes(StandardCharsets.UTF_8);
      out.appendShort((short) type.length).appendBytes(type).appendInt(event.json().length())
          .appendBuffer(event.json());
    }
    return out;
  }

  /** The answer, or null when the bytes are not one this version wrote (treated as a miss). */
  static CachedAnswer decode(Buffer in) {
    if (in.length() < 2 || in.getByte(0) != VERSION) {
      return null;
    }
    try {
      if (in.getByte(1) == JSON) {
        return CachedAnswer.ofJson(in.getBuffer(2, in.length()));
      }
      if (in.getByte(1) != EVENTS) {
        return null;
      }
      int count = in.getInt(2);
      int at = 6;
      List<StreamEvent> events = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int typeLength = in.getShort(at);
        String type = in.getString(at + 2, at + 2 + typeLength, "UTF-8");
        at += 2 + typeLength;
        int jsonLength = in.getInt(at);
        events.add(new StreamEvent(type, in.getBuffer(at + 4, at + 4 + jsonLength)));
        at += 4 + jsonLength;
      }
      return CachedAnswer.ofEvents(events);
    } catch (IndexOutOfBoundsException e) {
      return null;
    }
  }
}
