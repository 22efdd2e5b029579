package dev.claudebedrock.proxy.anthropic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.SseEventBytes;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.SseFraming;
import dev.claudebedrock.proxy.server.WireDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Anthropic Messages API on the wire: errors as
 * {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}, events as
 * {@code event: <type>\ndata: <json>\n\n}, {@code ping} events as keep-alives, and a failure after
 * the stream started as an {@code error} event (the stream then ends without {@code message_stop}).
 */
public final class AnthropicDialect implements WireDialect, SseFraming {
  /** The one instance: the dialect holds no state. */
  public static final AnthropicDialect INSTANCE = new AnthropicDialect();

  private static final Buffer PING = Buffer.buffer("event: ping\ndata: {\"type\":\"ping\"}\n\n");

  private AnthropicDialect() {}

  @Override
  public Reply.Complete errorReply(ApiError error, String requestId) {
    MultiMap headers = HttpHeaders.headers();
    for (Map.Entry<String, String> header : error.headers().entrySet()) {
      headers.add(header.getKey(), header.getValue());
    }
    headers.set("content-type", "application/json");
    return new Reply.Complete(error.status(), headers, Buffer.buffer(body(error, requestId)));
  }

  /** The JSON body of an error response. */
  public static byte[] body(ApiError error, String requestId) {
    return ("{\"type\":\"error\",\"error\":" + errorObject(error) + ",\"request_id\":\"" + requestId + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public SseFraming sse() {
    return this;
  }

  @Override
  public Buffer event(StreamEvent event) {
    return SseEventBytes.of(event);
  }

  @Override
  public Buffer ping() {
    return PING;
  }

  @Override
  public Buffer error(ApiError error, String requestId) {
    return Buffer.buffer("event: error\ndata: {\"type\":\"error\",\"error\":" + errorObject(error)
        + ",\"request_id\":\"" + requestId + "\"}\n\n");
  }

  @Override
  public Buffer end() {
    return null;
  }

  /** The {@code error} object alone: {@code {"type":…,"message":…}}. */
  private static String errorObject(ApiError error) {
    return "{\"type\":\"" + error.type().code() + "\",\"message\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(error.message())) + "\"}";
  }
}
