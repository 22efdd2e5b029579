package dev.claudebedrock.proxy.mantle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.config.UpstreamApi;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.util.List;

/**
 * {@code count_tokens} on the native Messages API's own endpoint when the plan's first target uses it: it counts for
 * every model (Bedrock CountTokens refuses some, which then get an estimate). The request goes to the plan's Mantle
 * targets only; otherwise this stage lets InvokeModel's {@code CountTokens} answer.
 */
public final class MantleCountTokens implements Interceptor {
  /** The response header saying how the count was made, as CountTokens sends it. */
  static final String SOURCE_HEADER = "x-token-count-source";

  private final BedrockErrorMapping errors;

  public MantleCountTokens(BedrockErrorMapping errors) {
    this.errors = errors;
  }

  /** Whether a plan's count goes to the native Messages API (its first target uses it). */
  public static boolean counts(Plan plan) {
    return plan.steps().get(0).target().api() == UpstreamApi.MANTLE;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    Plan plan = exchange.get(Plan.KEY);
    if (!counts(plan)) {
      return chain.proceed();
    }
    List<Plan.Step> mantle = plan.steps().stream().filter(s -> s.target().api() == UpstreamApi.MANTLE).toList();
    exchange.put(Plan.KEY, new Plan(plan.model(), plan.route(), mantle));
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    exchange.put(BedrockCall.MANTLE_KEY, MantleCalls.call(exchange, request, Operation.MESSAGES_COUNT_TOKENS));
    return chain.proceed().compose(reply -> {
      if (!(reply instanceof Reply.Complete complete)) {
        return Future.failedFuture(ApiError.of(ErrorType.API, "Bedrock count_tokens answered with a stream")
            .exception());
      }
      if (complete.status() >= 300) {
        return Future.failedFuture(errors.toApiError(
            BedrockError.fromResponse(complete.status(), complete.headers(), complete.body())).exception());
      }
      return Future.succeededFuture(counted(exchange, complete.body()));
    });
  }

  private static Reply counted(Exchange exchange, Buffer body) {
    long tokens;
    try {
      JsonNode count = Json.MAPPER.readTree(body.getBytes()).get("input_tokens");
      if (count == null || !count.canConvertToLong()) {
        throw ApiError.of(ErrorType.API, "Bedrock count_tokens answered without input_tokens").exception();
      }
      tokens = count.asLong();
    } catch (IOException e) {
      throw ApiError.of(ErrorType.API, "Bedrock count_tokens answered with a body that is not JSON").exception();
    }
    exchange.facts().countedTokens(tokens).tokenCountSource("bedrock");
    return new Reply.Complete(200,
        HttpHeaders.headers().add("content-type", "application/json").add(SOURCE_HEADER, "bedrock"),
        Buffer.buffer("{\"input_tokens\":" + tokens + "}"));
  }
}
