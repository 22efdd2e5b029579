package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;

/**
 * The answer of the Messages stages in the Chat Completions shape: a message as a {@code chat.completion}, a stream of
 * Messages events as {@code chat.completion.chunk}s. On the way in it refuses what the planned model cannot do
 * ({@code response_format} with a JSON schema on a model without structured output), which only the plan knows.
 */
public final class TranslateChatReply implements Interceptor {

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    ChatRequest chat = exchange.get(ChatRequest.KEY);
    if (chat.structuredOutput()) {
      Plan plan = exchange.get(Plan.KEY);
      if (!StructuredOutputs.supported(plan.model().bedrockId())) {
        return Future.failedFuture(Invalid.field("response_format", "the model " + chat.model()
            + " does not support structured output (json_schema); use Claude 4.5 or later"));
      }
    }
    long created = System.currentTimeMillis() / 1000;
    return chain.proceed().map(reply -> switch (reply) {
      case Reply.Complete complete when complete.status() < 300 -> completion(complete, chat, created);
      case Reply.Events events -> new Reply.Events(events.status(), events.headers(),
          new ChatChunks(events.source(), chat.model(), created, chat.includeUsage()));
      default -> reply;
    });
  }

  private static Reply completion(Reply.Complete complete, ChatRequest chat, long created) {
    JsonNode message;
    try {
      message = Json.MAPPER.readTree(complete.body().getBytes());
    } catch (IOException e) {
      throw ApiError.of(ErrorType.API, "Bedrock answered with a body that is not JSON").exception();
    }
    MultiMap headers = complete.headers() == null ? HttpHeaders.headers() : complete.headers();
    headers.set("content-type", "application/json");
    return new Reply.Complete(complete.status(), headers,
        Buffer.buffer(ChatCompletion.of(message, chat.model(), created).toString()));
  }
}
