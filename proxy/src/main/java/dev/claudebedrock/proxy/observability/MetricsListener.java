package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.core.AttemptOutcome;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.server.Attempt;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestFacts;
import dev.claudebedrock.proxy.server.RequestListener;

/** Turns what requests do into {@link Metrics}: as it happens for upstream calls, from the facts at the end for the rest. */
public final class MetricsListener extends RequestListener {
  private final Metrics metrics;

  public MetricsListener(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void refused(Exchange exchange, String scope, String limit) {
    metrics.rateLimited(scope, limit);
  }

  @Override
  public void shed(Exchange exchange, String reason) {
    metrics.shed(exchange.route(), reason);
  }

  @Override
  public void routed(Exchange exchange, String route, String reason) {
    metrics.routeChosen(route, reason.startsWith("rule:") ? "rule" : reason);
  }

  @Override
  public void cacheLookup(Exchange exchange, boolean hit) {
    metrics.cacheLookup(hit);
  }

  @Override
  public void attemptStart(Exchange exchange, Attempt attempt) {
    if (attempt.number() == 1 && attempt.sentNanos() > 0) {
      metrics.overhead(exchange.route(), attempt.sentNanos() - exchange.startNanos());
    }
  }

  @Override
  public void upstreamHeaders(Exchange exchange, Attempt attempt) {
    metrics.upstreamCall(attempt.operation(), attempt.target(), attempt.modelId(), attempt.status(),
        attempt.headersNanos() - attempt.sentNanos());
  }

  @Override
  public void attemptEnd(Exchange exchange, Attempt attempt) {
    if (attempt.outcome() == AttemptOutcome.CANCELLED) {
      return;
    }
    metrics.attempt(attempt.target(), attempt.outcome().label());
    if (!attempt.errorType().isEmpty()) {
      metrics.upstreamError(attempt.operation(), attempt.target(), attempt.errorType());
    }
  }

  @Override
  public void failover(Exchange exchange, String fromTarget, String toTarget) {
    metrics.failover(fromTarget, toTarget);
  }

  @Override
  public void upstreamStreamError(Exchange exchange, String errorType) {
    RequestFacts facts = exchange.facts();
    metrics.upstreamError(facts.operation(), facts.target(), errorType);
  }

  @Override
  public void streamStart(Exchange exchange) {
    metrics.activeStreams().incrementAndGet();
  }

  @Override
  public void clientAbort(Exchange exchange) {
    metrics.clientDisconnect(exchange.route());
  }

  @Override
  public void requestEnd(Exchange exchange, long durationNanos) {
    RequestFacts facts = exchange.facts();
    if (exchange.streaming()) {
      metrics.activeStreams().decrementAndGet();
    }
    metrics.httpRequest(exchange.request().method().name(), exchange.route(), facts.status(), durationNanos);
    String model = facts.model().isEmpty() ? facts.bedrockModel() : facts.model();
    Identity identity = exchange.find(Identity.KEY);
    metrics.tokens(identity == null ? "" : identity.team(), model, facts.inputTokens(), facts.outputTokens(),
        facts.cacheReadTokens(), facts.cacheWriteTokens());
    if (facts.firstEventNanos() > 0) {
      metrics.timeToFirstToken(model, facts.firstEventNanos() - exchange.startNanos());
    }
  }
}
