package dev.claudebedrock.proxy.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Parses and checks a Messages or count_tokens body: a JSON object with the fields the gateway
 * itself needs. Everything else is Bedrock's to judge, so new API fields are never refused here.
 *
 * <p>One streaming pass over the bytes (JsonRequestBody.members) checks the whole document and reads only the
 * top-level fields checked here and the few facts later stages decide on; no tree of the body is built.
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
    List<String> betas = exchange.request().headers().getAll("anthropic-beta");
    MessagesRequest request;
    try {
      request = read(JsonBytes.of(exchange.get(ReadBody.BODY)), countTokens, betas);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    exchange.put(MessagesRequest.KEY, request);
    exchange.facts().model(request.model()).stream(request.stream());
    return chain.proceed();
  }

  /**
   * The request a body makes, in one streaming pass over its bytes; an {@code invalid_request_error} naming the
   * first thing wrong: not JSON or not an object anywhere in the document, then the fields in the API's order.
   */
  static MessagesRequest read(JsonBytes raw, boolean countTokens, List<String> betas) {
    Fields fields = new Fields();
    JsonRequestBody.members(raw, fields);
    String problem = fields.problem(countTokens);
    if (problem != null) {
      throw ApiError.of(ErrorType.INVALID_REQUEST, problem).exception();
    }
    boolean streaming = !countTokens && fields.stream == JsonToken.VALUE_TRUE;
    return MessagesRequest.ofBytes(raw, fields.modelText, streaming, betas, fields.thinking, fields.temperature,
        fields.maxTokens);
  }

  /**
   * What the single pass over the body reads: the token each checked field starts with, the values the gateway
   * decides on, nothing else. Absent and {@code null} are alike (as an API client's optional fields are).
   */
  private static final class Fields implements JsonRequestBody.MemberReader {
    JsonToken model;
    String modelText;
    JsonToken messages;
    JsonToken stream;
    JsonToken maxTokensToken;
    boolean maxTokensPositiveInt;
    Long maxTokens;
    Double temperature;
    boolean thinking;

    @Override
    public void member(String name, JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      switch (name) {
        case "model" -> {
          model = token;
          modelText = token == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        case "messages" -> messages = token;
        case "stream" -> stream = token;
        case "max_tokens" -> {
          maxTokensToken = token;
          maxTokensPositiveInt = token == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() == JsonParser.NumberType.INT && parser.getIntValue() >= 1;
          maxTokens = asLong(parser, token);
        }
        case "temperature" -> temperature = token == JsonToken.VALUE_NUMBER_INT
            || token == JsonToken.VALUE_NUMBER_FLOAT ? parser.getDoubleValue() : null;
        case "thinking" -> thinking = token == JsonToken.START_OBJECT && thinkingOn(parser);
        default -> {
          // skipped by the pass, every byte still checked
        }
      }
    }

    /** The first failed check, in the order the API reports them, or null. */
    String problem(boolean countTokens) {
      if (model == null || model == JsonToken.VALUE_NULL) {
        return "model: Field required";
      }
      if (modelText == null || modelText.isBlank()) {
        return "model: Input should be a non-empty string";
      }
      if (messages == null || messages == JsonToken.VALUE_NULL) {
        return "messages: Field required";
      }
      if (messages != JsonToken.START_ARRAY) {
        return "messages: Input should be a valid list";
      }
      if (stream != null && stream != JsonToken.VALUE_NULL && stream != JsonToken.VALUE_TRUE
          && stream != JsonToken.VALUE_FALSE) {
        return "stream: Input should be a valid boolean";
      }
      if (!countTokens) {
        if (maxTokensToken == null || maxTokensToken == JsonToken.VALUE_NULL) {
          return "max_tokens: Field required";
        }
        if (!maxTokensPositiveInt) {
          return "max_tokens: Input should be a positive integer";
        }
      }
      return null;
    }

    /** Reads a {@code thinking} object to its end, telling whether its {@code type} switches thinking on. */
    private static boolean thinkingOn(JsonParser parser) throws IOException {
      boolean on = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("type") && value == JsonToken.VALUE_STRING) {
          on = MessagesRequest.thinkingType(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
      return on;
    }

    private static Long asLong(JsonParser parser, JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
      }
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        double value = parser.getDoubleValue();
        return value >= Long.MIN_VALUE && value <= Long.MAX_VALUE ? (long) value : null;
      }
      return null;
    }
  }

  private static Future<Reply> invalid(String message) {
    return Future.failedFuture(ApiError.of(ErrorType.INVALID_REQUEST, message).exception());
  }
}
