package dev.claudebedrock.proxy.mantle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.SseDecoder;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.EventSink;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Relays the native Messages API's server-sent events as Messages events, one for one, as they arrive. Events pass
 * byte for byte except {@code message_start}, which carries the model name the client asked for (as on InvokeModel);
 * usage and stop reasons are read on the way for accounting, and an {@code error} event becomes the gateway's error
 * of the same kind, mapped as InvokeModel's exception frames are.
 */
public final class SseRelay implements EventSource, SseDecoder.Listener {
  private final HttpClientResponse upstream;
  private final String clientModel;
  private final BedrockErrorMapping errors;
  private final Exchange exchange;
  private final SseDecoder decoder = new SseDecoder(this);
  private EventSink sink;
  private boolean sawMessageStop;
  private boolean done;

  public SseRelay(HttpClientResponse upstream, String clientModel, BedrockErrorMapping errors, Exchange exchange) {
    this.upstream = upstream;
    this.clientModel = clientModel;
    this.errors = errors;
    this.exchange = exchange;
  }

  @Override
  public void start(EventSink sink) {
    this.sink = sink;
    upstream.handler(this::onBytes);
    upstream.exceptionHandler(failure -> fail(ApiError.of(ErrorType.API,
        "The connection to Bedrock broke in the middle of the stream (" + failure.getClass().getSimpleName() + ")")));
    upstream.endHandler(v -> {
      if (done) {
        return;
      }
      if (sawMessageStop) {
        done = true;
        sink.onEnd();
      } else {
        fail(ApiError.of(ErrorType.API, "Bedrock ended the stream before message_stop"));
      }
    });
    upstream.resume();
  }

  @Override
  public void pause() {
    upstream.pause();
  }

  @Override
  public void resume() {
    upstream.resume();
  }

  @Override
  public void cancel() {
    if (!done) {
      done = true;
      upstream.request().reset();
    }
  }

  private void onBytes(Buffer bytes) {
    if (!done && !decoder.feed(bytes)) {
      upstream.request().reset();
      fail(ApiError.of(ErrorType.API, "Bedrock sent a server-sent event larger than the gateway accepts"));
    }
  }

  @Override
  public void onEvent(String name, byte[] json) {
    if (done) {
      return;
    }
    String type = name.isEmpty() ? EventJson.type(json) : name;
    if (type == null) {
      return;
    }
    switch (type) {
      case "message_start" -> emit(type, messageStart(json));
      case "message_delta" -> {
        readDelta(json);
        emit(type, json);
      }
      case "message_stop" -> {
        sawMessageStop = true;
        emit(type, json);
      }
      case "error" -> {
        BedrockError error = BedrockError.fromErrorEvent(json);
        exchange.listener().upstreamStreamError(exchange, error.type());
        fail(errors.toApiError(error));
      }
      case "content_block_delta" -> {
        exchange.facts().contentDelta();
        emit(type, json);
      }
      default -> emit(type, json);
    }
  }

  private void emit(String type, byte[] json) {
    byte[] line = EventJson.hasLineBreak(json) ? compact(json) : json;
    sink.onEvent(new StreamEvent(type, Buffer.buffer(line)));
  }

  private byte[] messageStart(byte[] json) {
    try {
      JsonNode event = Json.MAPPER.readTree(json);
      if (event.get("message") instanceof ObjectNode message) {
        UsageRecorder.fromUsage(message.get("usage"), exchange);
        message.put("model", clientModel);
        return Json.MAPPER.writeValueAsBytes(event);
      }
    } catch (IOException e) {
      // Not JSON we understand: pass it on untouched rather than lose it.
    }
    return json;
  }

  private void readDelta(byte[] json) {
    try {
      JsonNode delta = Json.MAPPER.readTree(json);
      UsageRecorder.fromUsage(delta.get("usage"), exchange);
      UsageRecorder.fromStopReason(delta.path("delta").get("stop_reason"), exchange);
    } catch (IOException e) {
      // Usage is for accounting only; the event itself still goes out.
    }
  }

  private static byte[] compact(byte[] json) {
    try {
      return Json.MAPPER.writeValueAsBytes(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      return new String(json, StandardCharsets.UTF_8).replace("\r", "").replace("\n", "")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  private void fail(ApiError error) {
    if (done) {
      return;
    }
    done = true;
    sink.onError(error);
  }
}
