package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.EventSink;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.proxy.server.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What every upstream API's stream relay shares: Messages events passed on one for one as the upstream's bytes
 * arrive, with back-pressure and cancellation; {@code message_start} carrying the model name the client asked for;
 * usage and stop reasons read on the way for accounting; an upstream that breaks, goes corrupt or ends before
 * {@code message_stop} failing the stream. A subclass decodes its API's framing and says what its {@code message_stop}
 * and {@code error} events become.
 */
public abstract class MessagesEventRelay implements EventSource {
  private final HttpClientResponse upstream;
  private final String clientModel;
  private final BedrockErrorMapping errors;
  private final Exchange exchange;
  private EventSink sink;
  private boolean sawMessageStop;
  private boolean done;

  protected MessagesEventRelay(HttpClientResponse upstream, String clientModel, BedrockErrorMapping errors,
      Exchange exchange) {
    this.upstream = upstream;
    this.clientModel = clientModel;
    this.errors = errors;
    this.exchange = exchange;
  }

  /** Feeds the upstream's next bytes to the API's decoder; false when they cannot be decoded. */
  protected abstract boolean decode(Buffer bytes);

  /** What the client is told when the upstream's bytes cannot be decoded. */
  protected abstract String undecodable();

  /** The event a {@code message_stop} of the upstream becomes (after anything it carries for accounting is read). */
  protected abstract StreamEvent messageStop(byte[] json);

  /** Ends the stream for an {@code error} event of the upstream (by {@link #fail} or {@link #failWith}). */
  protected abstract void onErrorEvent(byte[] json);

  @Override
  public final void start(EventSink sink) {
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
  public final void pause() {
    upstream.pause();
  }

  @Override
  public final void resume() {
    upstream.resume();
  }

  @Override
  public final void cancel() {
    if (!done) {
      done = true;
      upstream.request().reset();
    }
  }

  private void onBytes(Buffer bytes) {
    if (done) {
      return;
    }
    if (!decode(bytes)) {
      // Failed first: resetting the upstream reports a reset, which must not become the stream's error.
      fail(ApiError.of(ErrorType.API, undecodable()));
      upstream.request().reset();
    }
  }

  /** Passes on one decoded event of the given type (null: not an event, skipped). */
  protected final void relay(String type, byte[] json) {
    if (done || type == null) {
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
        sink.onEvent(messageStop(json));
      }
      case "error" -> onErrorEvent(json);
      case "content_block_delta" -> {
        exchange.facts().contentDelta();
        emit(type, json);
      }
      default -> emit(type, json);
    }
  }

  /**
   * Whether events of this type go out exactly as the upstream sent them, so that a subclass may frame them itself
   * and pass them to {@link #relayFramed}; the others are read or changed on the way ({@link #relay}).
   */
  protected static boolean passesUnchanged(String type) {
    return switch (type) {
      case "message_start", "message_delta", "message_stop", "error" -> false;
      default -> true;
    };
  }

  /** Passes on one event of a type that {@link #passesUnchanged}, already framed by the subclass. */
  protected final void relayFramed(StreamEvent event) {
    if (done) {
      return;
    }
    if (event.isContentDelta()) {
      exchange.facts().contentDelta();
    }
    sink.onEvent(event);
  }

  /** Ends the stream with the upstream's own error, reported to the listener and mapped as its answers are. */
  protected final void failWith(BedrockError error) {
    exchange.listener().upstreamStreamError(exchange, error.type());
    fail(errors.toApiError(error));
  }

  /** Ends the stream with this error, unless it has already ended. */
  protected final void fail(ApiError error) {
    if (done) {
      return;
    }
    done = true;
    sink.onError(error);
  }

  /** The request the stream belongs to. */
  protected final Exchange exchange() {
    return exchange;
  }

  /** An event of this type with the JSON on one line, as a server-sent event's data must be. */
  protected static StreamEvent event(String type, byte[] json) {
    return new StreamEvent(type, Buffer.buffer(EventJson.hasLineBreak(json) ? compact(json) : json));
  }

  private void emit(String type, byte[] json) {
    sink.onEvent(event(type, json));
  }

  private byte[] messageStart(byte[] json) {
    try {
      MessageStart start = MessageStart.read(json);
      if (start.hasModel()) {
        if (start.usage() != null) {
          UsageRecorder.fromUsage(start.usage(), exchange);
        }
        return start.withModel(clientModel);
      }
      // No model to replace (rare): added to the message the slow way.
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
      MessageDelta delta = MessageDelta.read(json);
      if (delta.usage() != null) {
        UsageRecorder.fromUsage(delta.usage(), exchange);
      }
      if (delta.stopReason() != null) {
        UsageRecorder.fromStopReason(delta.stopReason(), exchange);
      }
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
}
