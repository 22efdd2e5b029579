package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.config.UpstreamApi;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.core.TokenEstimator;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code count_tokens} through Bedrock CountTokens on the foundation-model id (it refuses profile
 * ids and ARNs). Where Bedrock cannot count for a model, the answer is a {@link TokenEstimator}
 * estimate, marked {@code x-token-count-source: estimate}; counted answers carry {@code bedrock}. When the
 * plan's first target uses the native Messages API, that API's own stage counts instead.
 */
public final class CountTokens implements Interceptor {
  /** Response header telling how the count was made. */
  public static final String SOURCE_HEADER = "x-token-count-source";

  private static final MultiMap HEADERS = HttpHeaders.headers()
      .add("content-type", "application/json")
      .add("accept", "application/json");

  private final InvokeBodyRewriter rewriter;
  private final BedrockErrorMapping errors;
  private final Set<String> refusing = ConcurrentHashMap.newKeySet();

  public CountTokens(InvokeBodyRewriter rewriter, BedrockErrorMapping errors) {
    this.rewriter = rewriter;
    this.errors = errors;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    Plan plan = exchange.get(Plan.KEY);
    if (plan.steps().get(0).target().api() == UpstreamApi.MANTLE) {
      return chain.proceed(); // the native Messages API counts itself, for every model
    }
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    String countId = plan.steps().get(0).countTokensId();
    ObjectNode body = request.body();
    JsonNode thinking = body.get("thinking");
    int budget = thinking == null ? 0 : thinking.path("budget_tokens").asInt(0);
    body.put("max_tokens", Math.max(1, budget + 1));
    byte[] invokeBody = rewriter.rewrite(body, request.betaHeaders()).bytes();
    if (countId.isEmpty() || refusing.contains(countId)) {
      return Future.succeededFuture(estimate(exchange, body));
    }
    String envelope = "{\"input\":{\"invokeModel\":{\"body\":\"" + Base64.getEncoder().encodeToString(invokeBody)
        + "\"}}}";
    exchange.put(BedrockCall.KEY,
        new BedrockCall(Operation.COUNT_TOKENS, "POST", null, HEADERS, Buffer.buffer(envelope)));
    return chain.proceed().compose(reply -> {
      if (!(reply instanceof Reply.Complete complete)) {
        return Future
            .failedFuture(ApiError.of(ErrorType.API, "Bedrock CountTokens answered with a stream").exception());
      }
      if (complete.status() < 300) {
        return Future.succeededFuture(counted(exchange, complete.body()));
      }
      BedrockError error = BedrockError.fromResponse(complete.status(), complete.headers(), complete.body());
      if (refusesCounting(error)) {
        refusing.add(countId);
        return Future.succeededFuture(estimate(exchange, body));
      }
      return Future.failedFuture(errors.toApiError(error).exception());
    });
  }

  private static boolean refusesCounting(BedrockError error) {
    String message = error.message().toLowerCase(Locale.ROOT);
    return "ValidationException".equals(error.type()) && (message.contains("count") || message.contains("support"));
  }

  private static Reply counted(Exchange exchange, Buffer body) {
    long tokens;
    try {
      JsonNode json = Json.MAPPER.readTree(body.getBytes());
      JsonNode count = json == null ? null : json.get("inputTokens");
      if (count == null || !count.canConvertToLong()) {
        throw ApiError.of(ErrorType.API, "Bedrock CountTokens answered without inputTokens").exception();
      }
      tokens = count.asLong();
    } catch (IOException e) {
      throw ApiError.of(ErrorType.API, "Bedrock CountTokens answered with a body that is not JSON").exception();
    }
    return answer(exchange, tokens, "bedrock");
  }

  private static Reply estimate(Exchange exchange, JsonNode body) {
    return answer(exchange, TokenEstimator.estimate(body), "estimate");
  }

  private static Reply answer(Exchange exchange, long tokens, String source) {
    exchange.facts().countedTokens(tokens).tokenCountSource(source);
    return new Reply.Complete(200,
        HttpHeaders.headers().add("content-type", "application/json").add(SOURCE_HEADER, source),
        Buffer.buffer("{\"input_tokens\":" + tokens + "}"));
  }
}
