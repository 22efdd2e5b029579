package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.anthropic.ApiException;
import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.BedrockErrorMapping;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.SignableRequest;
import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

/**
 * The last stage: signs the call for the planned target, sends it, and answers with Bedrock's
 * response: complete bodies for JSON answers and errors, the paused body for event streams.
 */
public final class AttemptUpstream implements Interceptor {
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final BedrockHttpClient client;
  private final Metrics metrics;

  public AttemptUpstream(BedrockHttpClient client, Metrics metrics) {
    this.client = client;
    this.metrics = metrics;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    BedrockCall call = exchange.get(BedrockCall.KEY);
    Plan plan = exchange.get(Plan.KEY);
    return send(exchange, call, plan.steps().get(0), 1);
  }

  private Future<Reply> send(Exchange exchange, BedrockCall call, Plan.Step step, int attempt) {
    String modelId = call.operation() == Operation.COUNT_TOKENS ? step.countTokensId() : step.modelId();
    Target target = step.target();
    MultiMap headers = HttpHeaders.headers().addAll(call.headers());
    SignableRequest request = new SignableRequest(call.method(),
        call.operation().controlPlane() ? target.controlPlane() : target.runtime(), call.path(modelId), headers, call.body());
    try {
      target.auth().apply(request);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    long sent = System.nanoTime();
    exchange.facts().target(target.name()).bedrockModel(modelId).attempts(attempt).upstreamSentNanos(sent);
    metrics.overhead(exchange.route(), sent - exchange.startNanos());
    String operation = call.operation().label();
    return client.send(request, exchange::onClientClose)
        .recover(failure -> {
          if (failure instanceof UpstreamException upstream && upstream.kind() != UpstreamException.Kind.CANCELLED) {
            metrics.upstreamError(operation, target.name(), upstream.kind().errorType());
            return Future.failedFuture(upstream.toApiError().exception());
          }
          return Future.failedFuture(failure);
        })
        .compose(response -> receive(exchange, response, operation, target, modelId));
  }

  private Future<Reply> receive(Exchange exchange, HttpClientResponse response, String operation, Target target,
      String modelId) {
    long now = System.nanoTime();
    exchange.facts().upstreamHeadersNanos(now).upstreamRequestId(response.getHeader("x-amzn-requestid"));
    metrics.upstreamCall(operation, target.name(), modelId, response.statusCode(), now - exchange.facts().upstreamSentNanos());
    MultiMap headers = HttpHeaders.headers().addAll(response.headers());
    String contentType = response.getHeader("content-type");
    if (response.statusCode() < 300 && contentType != null && contentType.startsWith(EVENT_STREAM)) {
      return Future.succeededFuture(new Reply.Streamed(response.statusCode(), headers, response));
    }
    Future<io.vertx.core.buffer.Buffer> body = response.body();
    response.resume();
    return body.map(bytes -> {
      if (response.statusCode() >= 400) {
        BedrockError error = BedrockError.fromResponse(response.statusCode(), headers, bytes);
        exchange.facts().upstreamErrorType(error.type());
        metrics.upstreamError(operation, target.name(), error.type());
        if (BedrockErrorMapping.isCredentialFailure(error)) {
          target.auth().refreshSoon();
        }
      }
      return new Reply.Complete(response.statusCode(), headers, bytes);
    });
  }
}
