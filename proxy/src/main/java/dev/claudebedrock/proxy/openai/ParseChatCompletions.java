package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.JsonRequestBody;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
    ObjectNode body;
    try {
      body = JsonRequestBody.object(JsonBytes.of(raw)); // read where it lies, not copied first
    } catch (ApiException e) {
      return Future.failedFuture(e);
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
}
