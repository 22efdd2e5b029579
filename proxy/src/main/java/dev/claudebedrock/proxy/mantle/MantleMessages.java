package dev.claudebedrock.proxy.mantle;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.MessagesAnswers;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;

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
    return MessagesAnswers.toClient(exchange, request.model(), reply, errors,
        upstream -> new SseRelay(upstream, request.model(), errors, exchange));
  }
}
