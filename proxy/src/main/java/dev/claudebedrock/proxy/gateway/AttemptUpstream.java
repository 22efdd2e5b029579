package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.SignableRequest;
import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The last stage: signs the call for a planned target and sends it. A failure before any byte
 * went to the client is retried within the request's budget, moving on to the next target of the
 * plan (failover) and backing off when it comes back to one already tried; targets whose circuit
 * is open are skipped. What comes back is Bedrock's response: complete for JSON answers and
 * errors, paused for event streams.
 */
public final class AttemptUpstream implements Interceptor {
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final Vertx vertx;
  private final BedrockHttpClient client;
  private final Metrics metrics;
  private final RetryPolicy retry;

  public AttemptUpstream(Vertx vertx, BedrockHttpClient client, Metrics metrics, RetryPolicy retry) {
    this.vertx = vertx;
    this.client = client;
    this.metrics = metrics;
    this.retry = retry;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    return new Attempts(exchange, exchange.get(BedrockCall.KEY), exchange.get(Plan.KEY)).next(0);
  }

  /** The attempts of one request. */
  private final class Attempts {
    private final Exchange exchange;
    private final BedrockCall call;
    private final Plan plan;
    private final long startNanos = System.nanoTime();
    private final Set<String> tried = new LinkedHashSet<>();
    private int made;
    private int nextIndex;
    private Target lastTarget;
    private BedrockError lastError;
    private Reply lastReply;
    private Throwable lastFailure;

    Attempts(Exchange exchange, BedrockCall call, Plan plan) {
      this.exchange = exchange;
      this.call = call;
      this.plan = plan;
    }

    /** Sends the next attempt, skipping targets whose circuit is open. */
    Future<Reply> next(int firstIndex) {
      Plan.Step step = acquire(firstIndex);
      if (step == null) {
        return giveUp("every target for this request has an open circuit");
      }
      if (lastTarget != null && lastTarget != step.target()) {
        metrics.failover(lastTarget.name(), step.target().name());
      }
      lastTarget = step.target();
      made++;
      tried.add(step.target().name());
      exchange.facts().attempts(made).targetsTried(String.join(",", tried));
      return send(step).transform(result -> outcome(step, result));
    }

    private Plan.Step acquire(int firstIndex) {
      int n = plan.steps().size();
      long now = System.nanoTime();
      for (int i = 0; i < n; i++) {
        int index = (firstIndex + i) % n;
        Plan.Step step = plan.steps().get(index);
        if (step.target().breaker().tryAcquire(now)) {
          nextIndex = index + 1;
          return step;
        }
      }
      return null;
    }

    private Future<Reply> outcome(Plan.Step step, AsyncResult<Reply> result) {
      CircuitBreaker breaker = step.target().breaker();
      long now = System.nanoTime();
      RetryPolicy.Verdict verdict;
      int retryAfter = -1;
      if (result.succeeded()) {
        Reply reply = result.result();
        if (reply.status() < 400) {
          breaker.onSuccess(now);
          metrics.attempt(step.target().name(), "success");
          return Future.succeededFuture(reply);
        }
        BedrockError error = lastError;
        verdict = RetryPolicy.verdict(reply.status(), error.type());
        if (RetryPolicy.blame(reply.status(), error.type()) == RetryPolicy.Blame.TARGET) {
          breaker.onFailure(now);
        } else {
          breaker.onNeutral();
        }
        metrics.attempt(step.target().name(), outcomeLabel(error.type(), reply.status()));
        retryAfter = error.retryAfterSeconds();
        lastReply = reply;
        lastFailure = null;
      } else if (result.cause() instanceof UpstreamException upstream
          && upstream.kind() == UpstreamException.Kind.NO_CREDENTIALS) {
        breaker.onNeutral();
        metrics.attempt(step.target().name(), "unauthenticated");
        verdict = RetryPolicy.Verdict.NEXT_TARGET;
        lastFailure = UpstreamFailures.toApiError(upstream).exception();
        lastReply = null;
      } else if (result.cause() instanceof UpstreamException upstream
          && upstream.kind() != UpstreamException.Kind.CANCELLED) {
        breaker.onFailure(now);
        metrics.attempt(step.target().name(), upstream.kind() == UpstreamException.Kind.TIMEOUT ? "timeout" : "connection");
        verdict = RetryPolicy.Verdict.RETRY;
        lastFailure = UpstreamFailures.toApiError(upstream).exception();
        lastReply = null;
      } else {
        breaker.onNeutral();
        return Future.failedFuture(result.cause());
      }
      return retryOrAnswer(verdict, retryAfter);
    }

    private Future<Reply> retryOrAnswer(RetryPolicy.Verdict verdict, int retryAfterSeconds) {
      if (verdict == RetryPolicy.Verdict.FINAL || made >= retry.maxAttempts() || exchange.isClientClosed()) {
        return answer();
      }
      int n = plan.steps().size();
      int index = nextIndex % n;
      if (verdict == RetryPolicy.Verdict.NEXT_TARGET) {
        index = untriedIndex();
        if (index < 0) {
          return answer();
        }
      }
      boolean revisiting = tried.contains(plan.steps().get(index).target().name());
      long wait = revisiting ? retry.backoffNanos(made + 1, retryAfterSeconds) : 0;
      if (System.nanoTime() + wait - startNanos > retry.budgetNanos()) {
        return answer();
      }
      int chosen = index;
      if (wait == 0) {
        return next(chosen);
      }
      Promise<Reply> later = Promise.promise();
      long timer = vertx.setTimer(Math.max(1, wait / 1_000_000), id -> next(chosen).onComplete(later));
      exchange.onClientClose(() -> {
        if (vertx.cancelTimer(timer)) {
          later.tryFail(new UpstreamException(UpstreamException.Kind.CANCELLED, "", "the client left", null));
        }
      });
      return later.future();
    }

    private int untriedIndex() {
      for (int i = 0; i < plan.steps().size(); i++) {
        int index = (nextIndex + i) % plan.steps().size();
        if (!tried.contains(plan.steps().get(index).target().name())) {
          return index;
        }
      }
      return -1;
    }

    private Future<Reply> answer() {
      return lastReply != null ? Future.succeededFuture(lastReply) : Future.failedFuture(lastFailure);
    }

    private Future<Reply> giveUp(String why) {
      if (lastReply != null || lastFailure != null) {
        return answer();
      }
      return Future.failedFuture(ApiError.of(ErrorType.OVERLOADED, "No Bedrock target can take the request now: " + why)
          .withHeader("retry-after", "5").exception());
    }

    private Future<Reply> send(Plan.Step step) {
      String modelId = call.operation() == Operation.COUNT_TOKENS ? step.countTokensId() : step.modelId();
      Target target = step.target();
      MultiMap headers = HttpHeaders.headers().addAll(call.headers());
      SignableRequest request = new SignableRequest(call.method(),
          call.operation().controlPlane() ? target.controlPlane() : target.runtime(), call.path(modelId), headers,
          call.body());
      try {
        target.auth().apply(request);
      } catch (UpstreamException e) {
        return Future.failedFuture(e);
      }
      long sent = System.nanoTime();
      exchange.facts().target(target.name()).bedrockModel(modelId).upstreamSentNanos(sent);
      if (made == 1) {
        metrics.overhead(exchange.route(), sent - exchange.startNanos());
      }
      String operation = call.operation().label();
      lastError = null;
      return client.send(request, exchange::onClientClose)
          .recover(failure -> {
            if (failure instanceof UpstreamException upstream && upstream.kind() != UpstreamException.Kind.CANCELLED) {
              metrics.upstreamError(operation, target.name(), upstream.kind().errorType());
            }
            return Future.failedFuture(failure);
          })
          .compose(response -> receive(response, operation, target, modelId));
    }

    private Future<Reply> receive(HttpClientResponse response, String operation, Target target, String modelId) {
      long now = System.nanoTime();
      exchange.facts().upstreamHeadersNanos(now).upstreamRequestId(response.getHeader("x-amzn-requestid"));
      metrics.upstreamCall(operation, target.name(), modelId, response.statusCode(),
          now - exchange.facts().upstreamSentNanos());
      MultiMap headers = HttpHeaders.headers().addAll(response.headers());
      String contentType = response.getHeader("content-type");
      if (response.statusCode() < 300 && contentType != null && contentType.startsWith(EVENT_STREAM)) {
        return Future.succeededFuture(new Reply.Streamed(response.statusCode(), headers, response));
      }
      Future<Buffer> body = response.body();
      response.resume();
      return body.map(bytes -> {
        if (response.statusCode() >= 400) {
          BedrockError error = BedrockError.fromResponse(response.statusCode(), headers, bytes);
          lastError = error;
          exchange.facts().upstreamErrorType(error.type());
          metrics.upstreamError(operation, target.name(), error.type());
          if (error.isCredentialFailure()) {
            target.auth().refreshSoon();
          }
        }
        return new Reply.Complete(response.statusCode(), headers, bytes);
      });
    }
  }

  private static String outcomeLabel(String bedrockType, int status) {
    return switch (bedrockType) {
      case "ThrottlingException", "ServiceQuotaExceededException" -> "throttled";
      default -> status >= 500 || "ModelNotReadyException".equals(bedrockType) ? "unavailable" : "rejected";
    };
  }
}
