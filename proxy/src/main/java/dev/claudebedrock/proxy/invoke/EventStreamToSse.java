package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.ChunkPayload;
import dev.claudebedrock.proxy.bedrock.EventStreamDecoder;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.SseEventBytes;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.MessagesEventRelay;
import dev.claudebedrock.proxy.gateway.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * Turns a Bedrock event stream into Anthropic stream events, one for one, as frames arrive.
 *
 * <p>Content events pass through byte for byte, each decoded from its frame straight into the bytes written to the
 * client. Only three are touched: {@code message_start} carries the model name the client asked for (spliced in),
 * {@code message_stop} loses Bedrock's invocation metrics (read for accounting), and an exception frame becomes an
 * Anthropic error.
 */
public final class EventStreamToSse extends MessagesEventRelay implements EventStreamDecoder.Listener {
  private static final StreamEvent MESSAGE_STOP = StreamEvent.of("message_stop", "{\"type\":\"message_stop\"}");

  private final EventStreamDecoder decoder = new EventStreamDecoder(this);

  public EventStreamToSse(HttpClientResponse upstream, String clientModel, BedrockErrorMapping errors,
      Exchange exchange) {
    super(upstream, clientModel, errors, exchange);
  }

  @Override
  protected boolean decode(Buffer bytes) {
    return decoder.feed(bytes);
  }

  @Override
  protected String undecodable() {
    return "Bedrock sent a corrupt event stream frame (a checksum or length does not add up)";
  }

  @Override
  public void onChunk(byte[] json) {
    relay(EventJson.type(json), json);
  }

  /**
   * Decodes the event's base64 straight into the array its server-sent event is written from, and frames it there
   * when it goes out unchanged (every content event); the few events that are read or changed on the way, and any
   * the in-place scans cannot read, take {@link #onChunk} with a copy of the JSON.
   */
  @Override
  public void onChunkPayload(byte[] data, int start, int end) {
    long text = ChunkPayload.base64Text(data, start, end);
    int textStart = ChunkPayload.textStart(text);
    int textEnd = ChunkPayload.textEnd(text);
    int length = text < 0 ? -1 : ChunkPayload.decodedLength(data, textStart, textEnd);
    byte[] array = length < 0 ? null : SseEventBytes.array(length);
    if (array == null || !ChunkPayload.decode(data, textStart, textEnd, array, SseEventBytes.JSON_AT)) {
      EventStreamDecoder.Listener.super.onChunkPayload(data, start, end);
      return;
    }
    int jsonEnd = SseEventBytes.JSON_AT + length;
    String type = EventJson.leadingType(array, SseEventBytes.JSON_AT, jsonEnd);
    StreamEvent framed = type == null || !passesUnchanged(type)
        || EventJson.hasLineBreak(array, SseEventBytes.JSON_AT, jsonEnd) ? null
            : SseEventBytes.frame(type, array, length);
    if (framed != null) {
      relayFramed(framed);
    } else {
      onChunk(Arrays.copyOfRange(array, SseEventBytes.JSON_AT, jsonEnd));
    }
  }

  @Override
  public void onException(BedrockError error) {
    failWith(error);
  }

  @Override
  protected StreamEvent messageStop(byte[] json) {
    try {
      UsageRecorder.fromInvocationMetrics(Json.MAPPER.readTree(json).get("amazon-bedrock-invocationMetrics"),
          exchange());
    } catch (IOException e) {
      // Accounting only: the stream still ends normally.
    }
    return MESSAGE_STOP;
  }

  @Override
  protected void onErrorEvent(byte[] json) {
    fail(errorEvent(json));
  }

  private static ApiError errorEvent(byte[] json) {
    try {
      JsonNode error = Json.MAPPER.readTree(json).path("error");
      String type = error.path("type").asText("api_error");
      String message = error.path("message").asText("Bedrock reported an error in the stream");
      return ApiError.of(ErrorType.ofCode(type), message);
    } catch (IOException e) {
      return ApiError.of(ErrorType.API, "Bedrock reported an error in the stream");
    }
  }
}
