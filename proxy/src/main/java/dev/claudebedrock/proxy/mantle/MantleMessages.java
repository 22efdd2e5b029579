package dev.claudebedrock.proxy.mantle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.gateway.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;

/**
 * {@code /v1/messages} on Bedrock's native Messages API, for the plan's targets with {@code api: mantle}: leaves
 * their call for the attempt stage, and turns what the API answered into the same client-visible result InvokeModel's
 * translation gives (the client's model name in the message, usage and stop reasons reported, server-sent events
 * relayed one for one, errors mapped alike). Answers of InvokeModel targets pass through untouched.
 */
public final class MantleMessages implements Interceptor {
  private final BedrockErrorMapping errors;
  private final boolean translated;

  private MantleMessages(BedrockErrorMapping errors, boolean translated) {
    this.errors = errors;
    this.translated = translated;
  }

  /** For {@code /v1/messages}: the client's body bytes go as they came but the model. */
  public static MantleMessages forMessagesBody(BedrockErrorMapping errors) {
    return new MantleMessages(errors, false);
  }

  /**
   * For a front door that translated its request into Messages (Chat Completions): the translated body goes. Place
   * it before InvokeModel's {@code TranslateMessages}, which rewrites that body in place.
   */
  public static MantleMessages forTranslatedBody(BedrockErrorMapping errors) {
    return new MantleMessages(errors, true);
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    if (!MantleCalls.planned(exchange.get(Plan.KEY))) {
      return chain.proceed();
    }
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    exchange.put(BedrockCall.MANTLE_KEY, translated ? MantleCalls.callForTranslated(exchange, request,
        Operation.MESSAGES) : MantleCalls.call(exchange, request, Operation.MESSAGES));
    return chain.proceed().compose(reply -> MantleCalls.answered(exchange) ? toClient(exchange, request, reply)
        : Future.succeededFuture(reply));
  }

  private Future<Reply> toClient(Exchange exchange, MessagesRequest request, Reply reply) {
    return switch (reply) {
      case Reply.Streamed streamed -> Future.succeededFuture(new Reply.Events(200, HttpHeaders.headers(),
          new SseRelay(streamed.body(), request.model(), errors, exchange)));
      case Reply.Complete complete when complete.status() < 300 ->
        Future.succeededFuture(message(exchange, request.model(), complete.body()));
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
