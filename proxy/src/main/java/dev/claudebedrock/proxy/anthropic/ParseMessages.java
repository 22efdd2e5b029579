package dev.claudebedrock.proxy.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.JsonRequestBody;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * Parses and checks a Messages or count_tokens body: a JSON object with the fields the gateway
 * itself needs. Everything else is Bedrock's to judge, so new API fields are never refused here.
 */
public final class ParseMessages implements Interceptor {
  /** The {@code anthropic-version} values in use. */
  public static final Set<String> VERSIONS = Set.of("2023-06-01", "2026-10-21");

  private final boolean countTokens;

  private ParseMessages(boolean countTokens) {
    this.countTokens = countTokens;
  }

  /** For {@code POST /v1/messages}: {@code max_tokens} is required. */
  public static ParseMessages forMessages() {
    return new ParseMessages(false);
  }

  /** For {@code POST /v1/messages/count_tokens}: no {@code max_tokens}, no streaming. */
  public static ParseMessages forCountTokens() {
    return new ParseMessages(true);
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    String version = exchange.request().getHeader("anthropic-version");
    if (version != null && !VERSIONS.contains(version.strip())) {
      return invalid("anthropic-version: \"" + version.strip() + "\" is not a supported version; use one of "
          + VERSIONS.stream().sorted().toList());
    }
    JsonBytes raw = JsonBytes.of(exchange.get(ReadBody.BODY));
    ObjectNode body;
    try {
      body = JsonRequestBody.object(raw);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      return invalid("model: Field required");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      return invalid("model: Input should be a non-empty string");
    }
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) {
      return invalid("messages: Field required");
    }
    if (!messages.isArray()) {
      return invalid("messages: Input should be a valid list");
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) {
      return invalid("stream: Input should be a valid boolean");
    }
    if (!countTokens) {
      JsonNode maxTokens = body.get("max_tokens");
      if (maxTokens == null || maxTokens.isNull()) {
        return invalid("max_tokens: Field required");
      }
      if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.asInt() < 1) {
        return invalid("max_tokens: Input should be a positive integer");
      }
    }
    boolean streaming = !countTokens && stream != null && stream.asBoolean();
    List<String> betas = exchange.request().headers().getAll("anthropic-beta");
    MessagesRequest request = new MessagesRequest(body, model.asText(), streaming, betas, raw.length(), raw);
    exchange.put(MessagesRequest.KEY, request);
    exchange.facts().model(request.model()).stream(streaming);
    return chain.proceed();
  }

  private static Future<Reply> invalid(String message) {
    return Future.failedFuture(ApiError.of(ErrorType.INVALID_REQUEST, message).exception());
  }
}
