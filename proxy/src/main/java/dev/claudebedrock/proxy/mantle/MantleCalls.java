package dev.claudebedrock.proxy.mantle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.config.UpstreamApi;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.JsonSplice;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.ReadBody;
import io.netty.buffer.Unpooled;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.util.function.Function;

/**
 * The calls of Bedrock's native Messages API: the client's body as it came, with only the model id replaced for each
 * target (spliced into the bytes, nothing re-serialised), and the Anthropic API's headers.
 */
final class MantleCalls {
  /** The version sent when the client named none (the Anthropic API's only one). */
  static final String DEFAULT_VERSION = "2023-06-01";

  private MantleCalls() {}

  /** Whether any target of the plan uses the native Messages API. */
  static boolean planned(Plan plan) {
    for (Plan.Step step : plan.steps()) {
      if (step.target().api() == UpstreamApi.MANTLE) {
        return true;
      }
    }
    return false;
  }

  /** The call for a request whose body arrived as a Messages body: those very bytes but the model. */
  static BedrockCall call(Exchange exchange, MessagesRequest request, Operation operation) {
    Buffer received = exchange.get(ReadBody.BODY);
    JsonBytes body = JsonBytes.of(received);
    return call(exchange, request, operation, received,
        modelId -> BufferInternal.buffer(Unpooled.wrappedBuffer(withModel(body, modelId))));
  }

  /**
   * The call for a request a front door translated into Messages (Chat Completions): the parsed body as it is now,
   * before InvokeModel's translation changes it, with the model and stream set.
   */
  static BedrockCall callForTranslated(Exchange exchange, MessagesRequest request, Operation operation) {
    ObjectNode snapshot = request.body().deepCopy();
    snapshot.put("stream", request.stream());
    return call(exchange, request, operation, Buffer.buffer(), modelId -> {
      ObjectNode body = snapshot.deepCopy();
      body.put("model", modelId);
      try {
        return Buffer.buffer(Json.MAPPER.writeValueAsBytes(body));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a parsed JSON tree always serialises", e);
      }
    });
  }

  private static BedrockCall call(Exchange exchange, MessagesRequest request, Operation operation, Buffer body,
      Function<String, Buffer> bodyForModel) {
    MultiMap headers = HttpHeaders.headers()
        .add("content-type", "application/json")
        .add("accept", request.stream() ? "text/event-stream" : "application/json");
    String version = exchange.request().getHeader("anthropic-version");
    headers.add("anthropic-version", version == null || version.isBlank() ? DEFAULT_VERSION : version);
    if (!request.betaHeaders().isEmpty()) {
      headers.add("anthropic-beta", String.join(",", request.betaHeaders()));
    }
    return new BedrockCall(operation, "POST", null, headers, body, bodyForModel);
  }

  private static byte[] withModel(JsonBytes body, String modelId) {
    try {
      return JsonSplice.replaceString(body, "model", modelId);
    } catch (IOException e) {
      // The body was parsed as one JSON object before any call was made; this cannot happen for a parsed request.
      throw ApiError.of(ErrorType.INVALID_REQUEST, "The request body is not valid JSON").exception();
    }
  }

  /** Whether the native Messages API gave the answer that came back. */
  static boolean answered(Exchange exchange) {
    return exchange.find(BedrockCall.ANSWERED_BY) == UpstreamApi.MANTLE;
  }
}
