package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.util.function.Function;

/**
 * Turns an upstream API's answer to a Messages call into the client's: the message with the client's model name and
 * its usage and stop reason reported, the stream as Messages events through the API's relay, an error answer mapped
 * by {@link BedrockErrorMapping}. Every upstream API answers alike from here on.
 */
public final class MessagesAnswers {
  private MessagesAnswers() {}

  /** The client's answer for this upstream reply; {@code relay} reads a streamed reply as Messages events. */
  public static Future<Reply> toClient(Exchange exchange, String clientModel, Reply reply, BedrockErrorMapping errors,
      Function<HttpClientResponse, EventSource> relay) {
    return switch (reply) {
      case Reply.Streamed streamed ->
        Future.succeededFuture(new Reply.Events(200, HttpHeaders.headers(), relay.apply(streamed.body())));
      case Reply.Complete complete when complete.status() < 300 ->
        Future.succeededFuture(message(exchange, clientModel, complete.body()));
      case Reply.Complete complete -> Future.failedFuture(errors.toApiError(
          BedrockError.fromResponse(complete.status(), complete.headers(), complete.body())).exception());
      case Reply.Events events -> Future.succeededFuture(events);
    };
  }

  private static Reply message(Exchange exchange, String clientModel, Buffer body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body.getBytes());
      if (json instanceof ObjectNode message) {
        message.put("model", clientModel);
        UsageRecorder.fromUsage(message.get("usage"), exchange);
        UsageRecorder.fromStopReason(message.get("stop_reason"), exchange);
        body = Buffer.buffer(Json.MAPPER.writeValueAsBytes(message));
      }
    } catch (IOException e) {
      throw ApiError.of(ErrorType.API, "Bedrock answered with a body that is not JSON").exception();
    }
    return new Reply.Complete(200, HttpHeaders.headers().add("content-type", "application/json"), body);
  }
}
