package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.EventStreamDecoder;
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

/**
 * Turns a Bedrock event stream into Anthropic stream events, one for one, as frames arrive.
 *
 * <p>Content events pass through byte for byte. Only three are touched: {@code message_start}
 * carries the model name the client asked for, {@code message_stop} loses Bedrock's
 * invocation metrics (read for accounting), and an exception frame becomes an Anthropic error.
 */
public final class EventStreamToSse implements EventSource, EventStreamDecoder.Listener {
  private static final StreamEvent MESSAGE_STOP = StreamEvent.of("message_stop", "{\"type\":\"message_stop\"}");

  private final HttpClientResponse upstream;
  private final String clientModel;
  private final BedrockErrorMapping errors;
  private final Exchange exchange;
  private final EventStreamDecoder decoder = new EventStreamDecoder(this);
  private EventSink sink;
  private boolean sawMessageStop;
  private boolean done;

  public EventStreamToSse(HttpClientResponse upstream, String clientModel, BedrockErrorMapping errors,
      Exchange exchange) {
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
      // Failed first: resetting the upstream reports a reset, which must not become the stream's error.
      fail(ApiError.of(ErrorType.API,
          "Bedrock sent a corrupt event stream frame (a checksum or length does not add up)"));
      upstream.request().reset();
    }
  }

  @Override
  public void onChunk(byte[] json) {
    if (done) {
      return;
    }
    String type = EventJson.type(json);
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
        readInvocationMetrics(json);
        sawMessageStop = true;
        sink.onEvent(MESSAGE_STOP);
      }
      case "error" -> fail(errorEvent(json));
      case "content_block_delta" -> {
        exchange.facts().contentDelta();
        emit(type, json);
      }
      default -> emit(type, json);
    }
  }

  @Override
  public void onException(BedrockError error) {
    exchange.listener().upstreamStreamError(exchange, error.type());
    fail(errors.toApiError(error));
  }

  private void emit(String type, byte[] json) {
    byte[] line = EventJson.hasLineBreak(json) ? compact(json) : json;
    sink.onEvent(new StreamEvent(type, Buffer.buffer(line)));
  }

  private byte[] messageStart(byte[] json) {
    try {
      JsonNode event = Json.MAPPER.readTree(json);
      JsonNode message = event.get("message");
      if (message instanceof ObjectNode msg) {
        UsageRecorder.fromUsage(msg.get("usage"), exchange);
        msg.put("model", clientModel);
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

  private void readInvocationMetrics(byte[] json) {
    try {
      UsageRecorder.fromInvocationMetrics(Json.MAPPER.readTree(json).get("amazon-bedrock-invocationMetrics"), exchange);
    } catch (IOException e) {
      // As above: accounting only.
    }
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

  private static byte[] compact(byte[] json) {
    try {
      return Json.MAPPER.writeValueAsBytes(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      return new String(json, java.nio.charset.StandardCharsets.UTF_8).replace("\r", "").replace("\n", "")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
