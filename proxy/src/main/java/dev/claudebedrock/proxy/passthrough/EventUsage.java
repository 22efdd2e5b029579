package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.SseDecoder;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.gateway.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.StreamObserver;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads token usage from server-sent events as they pass to the client, decoding a copy, and passes on whole events
 * only, their bytes untouched: the start of an event waits for the blank line that ends it. A stream that fails
 * half-way therefore stops between two events and is ended as the Messages API ends one, with an {@code error}
 * event.
 */
final class EventUsage implements StreamObserver, SseDecoder.Listener {
  private static final Buffer EMPTY = Buffer.buffer(0);

  private final Exchange exchange;
  private final SseDecoder decoder = new SseDecoder(this);
  private boolean readable = true;
  /** The start of an event whose end has not arrived: passed on with it. */
  private Buffer held = EMPTY;

  EventUsage(Exchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public Buffer pass(Buffer chunk) {
    if (readable) {
      readable = decoder.feed(chunk); // an oversized event ends the accounting, not the relay
    }
    Buffer all = held.length() == 0 ? chunk : held.appendBuffer(chunk);
    int end = endOfLastEvent(all);
    if (end == all.length()) {
      held = EMPTY;
      return all;
    }
    held = all.getBuffer(end, all.length());
    return all.getBuffer(0, end);
  }

  /** Where the last complete event ends: after its blank line ({@code \n\n}, {@code \r\n\r\n} or {@code \r\r}). */
  private static int endOfLastEvent(Buffer bytes) {
    for (int i = bytes.length() - 1; i > 0; i--) {
      byte b = bytes.getByte(i);
      byte before = bytes.getByte(i - 1);
      if ((b == '\n' && (before == '\n' || i >= 2 && before == '\r' && bytes.getByte(i - 2) == '\n'))
          || (b == '\r' && before == '\r')) {
        return i + 1;
      }
    }
    return 0;
  }

  @Override
  public Buffer failureEnding(ApiError error) {
    ObjectNode event = Json.MAPPER.createObjectNode().put("type", "error");
    event.putObject("error").put("type", error.type().code()).put("message", error.message());
    try {
      return Buffer.buffer("event: error\ndata: ").appendBytes(Json.MAPPER.writeValueAsBytes(event))
          .appendString("\n\n", StandardCharsets.UTF_8.name());
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public void onEvent(String name, byte[] json) {
    String type = name.isEmpty() ? EventJson.type(json) : name;
    if (type == null) {
      return;
    }
    switch (type) {
      case "message_start" ->
        read(json, event -> UsageRecorder.fromUsage(event.path("message").get("usage"), exchange));
      case "message_delta" -> read(json, event -> {
        UsageRecorder.fromUsage(event.get("usage"), exchange);
        UsageRecorder.fromStopReason(event.path("delta").get("stop_reason"), exchange);
      });
      case "content_block_delta" -> exchange.facts().contentDelta();
      case "error" -> exchange.listener().upstreamStreamError(exchange, BedrockError.fromErrorEvent(json).type());
      default -> {}
    }
  }

  private static void read(byte[] json, Consumer<JsonNode> reader) {
    try {
      reader.accept(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      // Usage is accounting only: an unreadable event still reached the client untouched.
    }
  }
}
