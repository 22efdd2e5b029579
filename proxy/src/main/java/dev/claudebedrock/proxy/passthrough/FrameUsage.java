package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.EventStreamDecoder;
import dev.claudebedrock.proxy.bedrock.EventStreamEncoder;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.gateway.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.StreamObserver;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads token usage from an event stream as it passes to the client, and passes on whole frames
 * only, their bytes untouched: the start of a frame waits for its end (a few hundred bytes, for the
 * moment the rest takes to arrive). A stream that fails half-way therefore always stops between
 * two frames, and is ended as Bedrock ends one, with an exception frame that AWS SDKs raise as a
 * typed exception; a half-sent frame followed by a reset is not read as an error by every SDK (the
 * AWS SDK for Java's HTTP/2 client takes it for the end of the stream). A corrupt stream passes on
 * as it came, for the client to find the bad checksum itself.
 */
final class FrameUsage implements StreamObserver, EventStreamDecoder.Listener {
  private final Exchange exchange;
  private static final Buffer EMPTY = Buffer.buffer(0);

  private final EventStreamDecoder decoder = new EventStreamDecoder(this);
  /** The start of a frame whose end has not arrived: passed on with it, so the client only gets whole frames. */
  private Buffer held = EMPTY;

  FrameUsage(Exchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public Buffer pass(Buffer chunk) {
    decoder.feed(chunk);
    Buffer all = held.length() == 0 ? chunk : held.appendBuffer(chunk);
    int keep = decoder.incompleteBytes();
    if (keep == 0) {
      held = EMPTY;
      return all;
    }
    held = all.getBuffer(all.length() - keep, all.length());
    return all.getBuffer(0, all.length() - keep);
  }

  @Override
  public Buffer failureEnding(ApiError error) {
    return decoder.failed() ? null : EventStreamEncoder.exception(exceptionType(error), error.message());
  }

  /** The exception Bedrock itself ends a stream with for such a failure. */
  static String exceptionType(ApiError error) {
    return switch (error.type()) {
      case TIMEOUT -> "modelStreamErrorException";
      case OVERLOADED -> "serviceUnavailableException";
      default -> "internalServerException";
    };
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
