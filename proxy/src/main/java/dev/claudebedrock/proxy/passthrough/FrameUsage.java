package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.EventStreamDecoder;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.invoke.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads token usage from an event stream as it passes to the client, decoding a copy of the frames:
 * the bytes the client receives are never touched.
 */
final class FrameUsage implements Consumer<Buffer>, EventStreamDecoder.Listener {
  private final Exchange exchange;
  private final EventStreamDecoder decoder = new EventStreamDecoder(this);

  FrameUsage(Exchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void accept(Buffer chunk) {
    decoder.feed(chunk);
  }

  @Override
  public void onChunk(byte[] eventJson) {
    String type = EventJson.type(eventJson);
    if (type == null) {
      return;
    }
    switch (type) {
      case "message_start" ->
        read(eventJson, json -> UsageRecorder.fromUsage(json.path("message").get("usage"), exchange));
      case "message_delta" -> read(eventJson, json -> {
        UsageRecorder.fromUsage(json.get("usage"), exchange);
        UsageRecorder.fromStopReason(json.path("delta").get("stop_reason"), exchange);
      });
      case "message_stop" -> read(eventJson,
          json -> UsageRecorder.fromInvocationMetrics(json.get("amazon-bedrock-invocationMetrics"), exchange));
      case "content_block_delta" -> exchange.facts().contentDelta();
      default -> {}
    }
  }

  @Override
  public void onException(BedrockError error) {
    exchange.listener().upstreamStreamError(exchange, error.type());
  }

  private static void read(byte[] json, Consumer<JsonNode> reader) {
    try {
      reader.accept(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      // Usage is accounting only: an unreadable event still reached the client untouched.
    }
  }
}
