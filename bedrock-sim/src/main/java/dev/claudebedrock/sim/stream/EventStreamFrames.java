package dev.claudebedrock.sim.stream;

import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.reply.JsonWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Encodes the {@code application/vnd.amazon.eventstream} frames of InvokeModelWithResponseStream. */
public final class EventStreamFrames {
  private static final Map<String, HeaderValue> CHUNK_HEADERS = headers(
      ":event-type", "chunk", ":content-type", "application/json", ":message-type", "event");

  private EventStreamFrames() {}

  /** A chunk frame carrying one Anthropic event: payload {@code {"bytes":"<base64>","p":"<padding>"}}. */
  public static byte[] chunk(byte[] eventJson, String padding) {
    // Base64 and the padding alphabet need no JSON escaping, so the payload is assembled directly.
    StringBuilder payload = new StringBuilder(eventJson.length * 4 / 3 + 32)
        .append("{\"bytes\":\"").append(Base64.getEncoder().encodeToString(eventJson)).append('"');
    if (padding != null && !padding.isEmpty()) {
      payload.append(",\"p\":\"").append(padding).append('"');
    }
    payload.append('}');
    return encode(CHUNK_HEADERS, payload.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** An exception frame: payload {@code {"message":"…"}} plus any extra fields. */
  public static byte[] exception(StreamExceptionType type, String message, Map<String, Object> fields) {
    byte[] payload = JsonWriter.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("message", message);
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        json.writeObjectField(field.getKey(), field.getValue());
      }
      json.writeEndObject();
    });
    return encode(headers(":exception-type", type.wireName(), ":content-type", "application/json",
        ":message-type", "exception"), payload);
  }

  private static byte[] encode(Map<String, HeaderValue> headers, byte[] payload) {
    ByteBuffer frame = new Message(headers, payload).toByteBuffer();
    byte[] out = new byte[frame.remaining()];
    frame.get(out);
    return out;
  }

  private static Map<String, HeaderValue> headers(String... namesAndValues) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], HeaderValue.fromString(namesAndValues[i + 1]));
    }
    return Collections.unmodifiableMap(headers);
  }
}
