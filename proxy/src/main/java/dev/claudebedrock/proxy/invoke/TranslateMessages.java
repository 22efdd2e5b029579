package dev.claudebedrock.proxy.invoke;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.config.UpstreamApi;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.MessagesAnswers;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.observability.LogSetup;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.buffer.BufferInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates a Messages request into an InvokeModel call on the way in, and Bedrock's answer back
 * into the Anthropic shape on the way out: the JSON message with the client's model name, or the
 * event stream as server-sent events, or an Anthropic error. Targets with {@code api: mantle} are the
 * native Messages API's stage's: it makes their call and turns their answers into the client's.
 */
public final class TranslateMessages implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(TranslateMessages.class);
  private static final Logger bodies = LoggerFactory.getLogger(LogSetup.BODIES_LOGGER);
  private static final MultiMap INVOKE_HEADERS = HttpHeaders.headers()
      .add("content-type", "application/json")
      .add("accept", "application/json");
  private static final MultiMap STREAM_HEADERS = HttpHeaders.headers()
      .add("content-type", "application/json")
      .add("accept", "application/vnd.amazon.eventstream")
      .add("x-amzn-bedrock-accept", "application/json");

  private final InvokeBodyRewriter rewriter;
  private final BedrockErrorMapping errors;

  public TranslateMessages(InvokeBodyRewriter rewriter, BedrockErrorMapping errors) {
    this.rewriter = rewriter;
    this.errors = errors;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    if (!invokePlanned(exchange.get(Plan.KEY))) {
      return chain.proceed(); // every target uses the native Messages API, whose stage makes its own call
    }
    InvokeBodyRewriter.Rewrite rewrite = request.raw() != null
        ? rewriter.rewrite(request.raw(), request.betaHeaders())
        : rewriter.rewrite(request.body(), request.betaHeaders());
    if (log.isDebugEnabled() && (!rewrite.betas().dropped().isEmpty() || !rewrite.droppedFields().isEmpty())) {
      log.debug("request {}: betas forwarded {}, dropped {}; fields dropped {}", exchange.requestId(),
          rewrite.betas().forwarded(), rewrite.betas().dropped(), rewrite.droppedFields());
    }
    if (bodies.isDebugEnabled()) {
      bodies.debug("request {}: body sent to Bedrock: {}", exchange.requestId(),
          new String(rewrite.bytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    Operation operation = request.stream() ? Operation.INVOKE_STREAM : Operation.INVOKE;
    exchange.put(BedrockCall.KEY, new BedrockCall(operation, "POST", null,
        request.stream() ? STREAM_HEADERS : INVOKE_HEADERS,
        BufferInternal.buffer(Unpooled.wrappedBuffer(rewrite.bytes()))));
    return chain.proceed().compose(reply -> exchange.find(BedrockCall.ANSWERED_BY) == UpstreamApi.MANTLE
        ? Future.succeededFuture(reply) // already the client's answer, from the native Messages API's stage
        : toAnthropic(exchange, request, reply));
  }

  private static boolean invokePlanned(Plan plan) {
    for (Plan.Step step : plan.steps()) {
      if (step.target().api() == UpstreamApi.INVOKE) {
        return true;
      }
    }
    return false;
  }

  private Future<Reply> toAnthropic(Exchange exchange, MessagesRequest request, Reply reply) {
    return MessagesAnswers.toClient(exchange, request.model(), reply, errors,
        upstream -> new EventStreamToSse(upstream, request.model(), errors, exchange));
  }
}
