package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.SignableRequest;
import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.config.Endpoint;
import dev.claudebedrock.proxy.config.ServiceTier;
import dev.claudebedrock.proxy.config.UpstreamApi;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.AttemptOutcome;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.server.Attempt;
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
import java.util.HashSet;
import java.util.Set;

/**
 * The last stage: signs the call for a planned target and sends it. A failure before any byte
 * went to the client is retried within the request's budget, moving on to the next target of the
 * plan (failover) and backing off when it comes back to one already tried; targets whose circuit
 * is open are skipped, unless every target's is: then the request goes to them all the same (panic
 * routing, as Envoy does when too few hosts are healthy) rather than being refused, unless
 * {@code circuit_breaker.panic} is off. What comes back is Bedrock's response: complete for JSON
 * answers and errors, paused for event streams. The request's listener hears every attempt start
 * and end, with the circuit decisions behind it.
 */
public final class AttemptUpstream implements Interceptor {
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
  private static final String SERVER_SENT_EVENTS = "text/event-stream";

  private final Vertx vertx;
  private final BedrockHttpClient client;
  private final RetryPolicy retry;
  private final boolean panic;

  /**
   * @param panic whether a request whose every target has an open circuit is sent to them anyway (else it is
   *     refused with 529)
   */
  public AttemptUpstream(Vertx vertx, BedrockHttpClient client, RetryPolicy retry, boolean panic) {
    this.vertx = vertx;
    this.client = client;
    this.retry = retry;
    this.panic = panic;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    BedrockCall invoke = exchange.find(BedrockCall.KEY);
    BedrockCall mantle = exchange.find(BedrockCall.MANTLE_KEY);
    if (invoke == null && mantle == null) {
      throw new IllegalStateException("no stage before AttemptUpstream left a call to send");
    }
    for (BedrockCall call : new BedrockCall[] {invoke, mantle}) {
      if (call != null && call.tooLargeForBedrock()) {
        return Future.failedFuture(ApiError.of(ErrorType.REQUEST_TOO_LARGE, "The request body would reach Bedrock "
            + "with " + call.body().length() + " bytes; Bedrock accepts at most " + BedrockCall.MAX_BODY_BYTES)
            .exception());
      }
    }
    return new Attempts(exchange, invoke, mantle, exchange.get(Plan.KEY)).next(0);
  }

  /** The attempts of one request; as an {@link Attempt}, the one under way. */
  private final class Attempts implements Attempt {
    private final Exchange exchange;
    private final BedrockCall invokeCall;
    private final BedrockCall mantleCall;
    private final Plan plan;
    private BedrockCall call;
    private String operation;
    private final long startNanos = System.nanoTime();
    /** The first target tried; the others in {@link #triedMore}, made only when a request goes on to a second. */
    private String firstTried;
    private Set<String> triedMore;
    private int made;
    private int nextIndex;
    private Target lastTarget;
    private Reply lastReply;
    private Throwable lastFailure;
    // The attempt under way, as listeners see it.
    private String modelId = "";
    private long sentNanos;
    private long headersNanos;
    private int status;
    private String upstreamRequestId = "";
    private AttemptOutcome outcome;
    private String errorType = "";
    private String skippedTargets = "";
    private boolean panicked;
    private String circuitChange = "";

    Attempts(Exchange exchange, BedrockCall invokeCall, BedrockCall mantleCall, Plan plan) {
      this.exchange = exchange;
      this.invokeCall = invokeCall;
      this.mantleCall = mantleCall;
      this.plan = plan;
      this.call = invokeCall != null ? invokeCall : mantleCall;
      this.operation = call.operation().label();
    }

    /** The call for a target's API; a target of the native Messages API takes the other call where it has none. */
    private BedrockCall callFor(Target target) {
      if (target.api() == UpstreamApi.MANTLE) {
        return mantleCall != null ? mantleCall : invokeCall;
      }
      return invokeCall != null ? invokeCall : mantleCall;
    }

    /** Sends the next attempt, skipping targets whose circuit is open. */
    Future<Reply> next(int firstIndex) {
      Plan.Step step = acquire(firstIndex);
      if (step == null) {
        return giveUp("every target for this request has an open circuit");
      }
      if (lastTarget != null && lastTarget != step.target()) {
        exchange.listener().failover(exchange, lastTarget.name(), step.target().name());
      }
      lastTarget = step.target();
      made++;
      markTried(step.target().name());
      return send(step).transform(result -> outcome(step, result));
    }

    /** The first target from {@code firstIndex} on whose circuit lets a request through; in panic, the first. */
    private Plan.Step acquire(int firstIndex) {
      int n = plan.steps().size();
      long now = System.nanoTime();
      skippedTargets = "";
      panicked = false;
      for (int i = 0; i < n; i++) {
        int index = (firstIndex + i) % n;
        Plan.Step step = plan.steps().get(index);
        if (step.target().breaker().tryAcquire(now)) {
          nextIndex = index + 1;
          return step;
        }
        String name = step.target().name();
        skippedTargets = skippedTargets.isEmpty() ? name : skippedTargets + "," + name;
      }
      if (!panic) {
        return null;
      }
      panicked = true;
      nextIndex = firstIndex % n + 1;
      return plan.steps().get(firstIndex % n);
    }

    private Future<Reply> outcome(Plan.Step step, AsyncResult<Reply> result) {
      CircuitBreaker breaker = step.target().breaker();
      long now = System.nanoTime();
      RetryPolicy.Verdict verdict;
      int retryAfter = -1;
      circuitChange = "";
      if (result.succeeded()) {
        exchange.put(BedrockCall.ANSWERED_BY, call.operation().mantle() ? UpstreamApi.MANTLE : UpstreamApi.INVOKE);
      }
      if (result.succeeded() && result.result().status() < 400) {
        circuitChange(breaker.onSuccess(now));
        ended(AttemptOutcome.SUCCESS, "");
        return Future.succeededFuture(result.result());
      }
      if (result.succeeded() && result.result() instanceof Reply.Complete reply) {
        BedrockError error = BedrockError.fromResponse(reply.status(), reply.headers(), reply.body());
        if (error.isCredentialFailure()) {
          step.target().auth().refreshSoon();
        }
        verdict = RetryPolicy.verdict(reply.status(), error.type());
        if (RetryPolicy.blame(reply.status(), error.type()) == RetryPolicy.Blame.TARGET) {
          circuitChange(breaker.onFailure(now));
        } else {
          breaker.onNeutral();
        }
        ended(outcomeOf(error.type(), reply.status()), error.type());
        retryAfter = error.retryAfterSeconds();
        lastReply = reply;
        lastFailure = null;
      } else if (result.cause() instanceof UpstreamException upstream
          && upstream.kind() == UpstreamException.Kind.NO_CREDENTIALS) {
        breaker.onNeutral();
        ended(AttemptOutcome.UNAUTHENTICATED, "");
        verdict = RetryPolicy.Verdict.NEXT_TARGET;
        lastFailure = UpstreamFailures.toApiError(upstream, endpointOf(step.target()), call.operation().controlPlane())
            .exception();
        lastReply = null;
      } else if (result.cause() instanceof UpstreamException upstream
          && upstream.kind() != UpstreamException.Kind.CANCELLED) {
        circuitChange(breaker.onFailure(now));
        ended(upstream.kind() == UpstreamException.Kind.TIMEOUT ? AttemptOutcome.TIMEOUT : AttemptOutcome.CONNECTION,
            upstream.kind().errorType());
        verdict = RetryPolicy.Verdict.RETRY;
        lastFailure = UpstreamFailures.toApiError(upstream, endpointOf(step.target()), call.operation().controlPlane())
            .exception();
        lastReply = null;
      } else {
        breaker.onNeutral();
        ended(result.cause() instanceof UpstreamException ? AttemptOutcome.CANCELLED : AttemptOutcome.FAILED, "");
        return Future.failedFuture(result.cause());
      }
      return retryOrAnswer(verdict, retryAfter);
    }

    private void circuitChange(CircuitBreaker.State to) {
      circuitChange = to == null ? "" : to.label();
    }

    private void ended(AttemptOutcome how, String type) {
      outcome = how;
      errorType = type;
      exchange.listener().attemptEnd(exchange, this);
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
      boolean revisiting = wasTried(plan.steps().get(index).target().name());
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

    private void markTried(String target) {
      if (firstTried == null) {
        firstTried = target;
      } else if (!firstTried.equals(target)) {
        if (triedMore == null) {
          triedMore = new HashSet<>();
        }
        triedMore.add(target);
      }
    }

    private boolean wasTried(String target) {
      return target.equals(firstTried) || triedMore != null && triedMore.contains(target);
    }

    private int untriedIndex() {
      for (int i = 0; i < plan.steps().size(); i++) {
        int index = (nextIndex + i) % plan.steps().size();
        if (!wasTried(plan.steps().get(index).target().name())) {
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
      call = callFor(step.target());
      operation = call.operation().label();
      modelId = switch (call.operation()) {
        case COUNT_TOKENS -> step.countTokensId();
        // The native Messages API takes foundation-model ids, as its own clients send them.
        case MESSAGES, MESSAGES_COUNT_TOKENS -> step.countTokensId().isEmpty() ? step.modelId() : step.countTokensId();
        default -> step.modelId();
      };
      sentNanos = 0;
      headersNanos = 0;
      status = 0;
      upstreamRequestId = "";
      outcome = null;
      errorType = "";
      Target target = step.target();
      MultiMap headers = HttpHeaders.headers().addAll(call.headers());
      ServiceTier tier = exchange.find(PlanRoute.SERVICE_TIER);
      if (tier != null && tier != ServiceTier.DEFAULT) {
        headers.set(ServiceTier.HEADER, tier.word());
      }
      SignableRequest request = new SignableRequest(call.method(), endpointOf(target), call.path(modelId), headers,
          call.body(modelId));
      try {
        (call.operation().mantle() ? target.mantleAuth() : target.auth()).apply(request);
      } catch (UpstreamException e) {
        exchange.listener().attemptStart(exchange, this);
        return Future.failedFuture(e);
      }
      sentNanos = System.nanoTime();
      exchange.listener().attemptStart(exchange, this);
      return client.send(request, call.operation().streams(), exchange::onClientClose).compose(this::receive);
    }

    private Endpoint endpointOf(Target target) {
      if (call.operation().mantle()) {
        return target.mantle();
      }
      return call.operation().controlPlane() ? target.controlPlane() : target.runtime();
    }

    private Future<Reply> receive(HttpClientResponse response) {
      headersNanos = System.nanoTime();
      status = response.statusCode();
      String requestId = response.getHeader("x-amzn-requestid");
      upstreamRequestId = requestId == null ? "" : requestId;
      exchange.listener().upstreamHeaders(exchange, this);
      // The response's own headers, not a copy: every stage that answers the client from them builds its own.
      MultiMap headers = response.headers();
      String contentType = response.getHeader("content-type");
      if (response.statusCode() < 300 && contentType != null
          && (contentType.startsWith(EVENT_STREAM) || contentType.startsWith(SERVER_SENT_EVENTS))) {
        return Future.succeededFuture(new Reply.Streamed(response.statusCode(), headers, response));
      }
      Future<Buffer> body = response.body();
      response.resume();
      return body.map(bytes -> new Reply.Complete(response.statusCode(), headers, bytes));
    }

    @Override
    public int number() {
      return made;
    }

    @Override
    public String target() {
      return lastTarget.name();
    }

    @Override
    public String operation() {
      return operation;
    }

    @Override
    public String modelId() {
      return modelId;
    }

    @Override
    public long sentNanos() {
      return sentNanos;
    }

    @Override
    public long headersNanos() {
      return headersNanos;
    }

    @Override
    public int status() {
      return status;
    }

    @Override
    public String upstreamRequestId() {
      return upstreamRequestId;
    }

    @Override
    public AttemptOutcome outcome() {
      return outcome;
    }

    @Override
    public String errorType() {
      return errorType;
    }

    @Override
    public String skippedTargets() {
      return skippedTargets;
    }

    @Override
    public boolean panic() {
      return panicked;
    }

    @Override
    public String circuitChange() {
      return circuitChange;
    }
  }

  private static AttemptOutcome outcomeOf(String bedrockType, int status) {
    return switch (bedrockType) {
      case "ThrottlingException", "ServiceQuotaExceededException" -> AttemptOutcome.THROTTLED;
      default -> status >= 500 || "ModelNotReadyException".equals(bedrockType)
          ? AttemptOutcome.UNAVAILABLE : AttemptOutcome.REJECTED;
    };
  }
}
