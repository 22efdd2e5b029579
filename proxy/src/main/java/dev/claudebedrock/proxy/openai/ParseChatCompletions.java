package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parses a Chat Completions body and translates it into the Messages request every later stage works on
 * ({@link MessagesRequest#KEY}), leaving what the answer needs in {@link ChatRequest#KEY}. A model name the operator
 * aliased for OpenAI model pickers is replaced by the model it stands for: routing, governance, prices and metrics see
 * that model, and only the answer carries the name the client sent.
 */
public final class ParseChatCompletions implements Interceptor {
  private final ChatRequestTranslator translator;
  private final Map<String, String> modelAliases;

  /** @param modelAliases OpenAI-facing model names and the served model each stands for */
  public ParseChatCompletions(ChatRequestTranslator translator, Map<String, String> modelAliases) {
    this.translator = translator;
    this.modelAliases = Map.copyOf(modelAliases);
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    Buffer raw = exchange.get(ReadBody.BODY);
    if (raw.length() == 0) {
      return invalid("The request body is empty; it must be a JSON object");
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(raw.getBytes());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      return invalid("The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      return invalid("The request body could not be read as JSON");
    }
    if (!(json instanceof ObjectNode body)) {
      return invalid("The request body must be a JSON object");
    }
    ChatRequest chat = translator.translate(body);
    String model = modelAliases.getOrDefault(chat.model(), chat.model());
    chat.messages().put("model", model);
    exchange.put(ChatRequest.KEY, chat);
    exchange.put(MessagesRequest.KEY, new MessagesRequest(chat.messages(), model, chat.stream(), List.of(),
        raw.length()));
    exchange.facts().model(model).stream(chat.stream());
    return chain.proceed();
  }

  private static Future<Reply> invalid(String message) {
    return Future.failedFuture(ApiError.of(ErrorType.INVALID_REQUEST, message).exception());
  }
}
