package dev.claudebedrock.sim.stream;

import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.reply.InvocationMetrics;
import dev.claudebedrock.sim.reply.JsonWriter;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Messages API's framing: {@code event: <type>\ndata: <json>\n\n}, a plain {@code message_stop}, and a failure
 * as an {@code error} event in the Anthropic API's error shape.
 */
public final class SseFraming implements StreamFraming {
  private static final byte[] MESSAGE_STOP = frame("message_stop", "{\"type\":\"message_stop\"}"
      .getBytes(StandardCharsets.UTF_8));

  @Override
  public void headers(HttpServerResponse response) {
    response.putHeader("Content-Type", "text/event-stream; charset=utf-8").putHeader("Cache-Control", "no-cache");
  }

  @Override
  public byte[] event(String type, byte[] eventJson, int index) {
    return frame(type, eventJson);
  }

  @Override
  public byte[] messageStop(InvocationMetrics metrics, int index) {
    return MESSAGE_STOP;
  }

  @Override
  public byte[] exception(StreamExceptionType type, String message, Map<String, Object> fields) {
    return frame("error", JsonWriter.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("type", "error");
      json.writeObjectFieldStart("error");
      json.writeStringField("type", type.anthropicType());
      json.writeStringField("message", message);
      json.writeEndObject();
      json.writeEndObject();
    }));
  }

  private static byte[] frame(String type, byte[] json) {
    byte[] head = ("event: " + type + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(json, 0, out, head.length, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }
}
