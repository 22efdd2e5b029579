package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.core.Usage;
import dev.claudebedrock.proxy.server.Attempt;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestFacts;
import dev.claudebedrock.proxy.server.RequestListener;

/**
 * Keeps the request's record of what happened upstream — attempts and the targets they went to, the
 * answering target and model, timings, upstream ids and errors, the circuit decisions behind the
 * attempts, token usage — in its {@link RequestFacts}, for the listeners that report when the
 * request ends.
 */
public final class FactsRecorder extends RequestListener {

  @Override
  public void shed(Exchange exchange, String reason) {
    exchange.facts().shed(reason);
  }

  @Override
  public void attemptStart(Exchange exchange, Attempt attempt) {
    RequestFacts facts = exchange.facts();
    facts.attempts(attempt.number());
    facts.targetsTried(addTo(facts.targetsTried(), attempt.target()));
    if (!attempt.skippedTargets().isEmpty()) {
      for (String skipped : attempt.skippedTargets().split(",")) {
        facts.circuitSkipped(addTo(facts.circuitSkipped(), skipped));
      }
    }
    if (attempt.panic()) {
      facts.circuitPanic(true);
    }
    if (attempt.sentNanos() > 0) {
      facts.target(attempt.target()).operation(attempt.operation()).bedrockModel(attempt.modelId())
          .upstreamSentNanos(attempt.sentNanos());
    }
  }

  @Override
  public void upstreamHeaders(Exchange exchange, Attempt attempt) {
    exchange.facts().upstreamHeadersNanos(attempt.headersNanos()).upstreamRequestId(attempt.upstreamRequestId());
  }

  @Override
  public void attemptEnd(Exchange exchange, Attempt attempt) {
    RequestFacts facts = exchange.facts();
    if (attempt.status() >= 400) {
      facts.upstreamErrorType(attempt.errorType());
    }
    if (!attempt.circuitChange().isEmpty()) {
      String change = attempt.target() + ":" + attempt.circuitChange();
      facts.circuitChanges(facts.circuitChanges().isEmpty() ? change : facts.circuitChanges() + "," + change);
    }
  }

  /** A comma-separated list with {@code item} added, unless it is there already. */
  private static String addTo(String list, String item) {
    if (list.isEmpty()) {
      return item;
    }
    return ("," + list + ",").contains("," + item + ",") ? list : list + "," + item;
  }

  @Override
  public void upstreamStreamError(Exchange exchange, String errorType) {
    exchange.facts().upstreamErrorType(errorType);
  }

  @Override
  public void firstEvent(Exchange exchange, long nanos) {
    exchange.facts().firstEventNanos(nanos);
  }

  @Override
  public void usage(Exchange exchange, Usage usage) {
    RequestFacts facts = exchange.facts();
    if (usage.input() >= 0) {
      facts.inputTokens(usage.input());
    }
    if (usage.output() >= 0) {
      facts.outputTokens(usage.output());
    }
    if (usage.cacheRead() >= 0) {
      facts.cacheReadTokens(usage.cacheRead());
    }
    if (usage.cacheWrite() >= 0) {
      facts.cacheWriteTokens(usage.cacheWrite());
    }
    if (usage.cacheWrite1h() >= 0) {
      facts.cacheWrite1hTokens(usage.cacheWrite1h());
    }
  }
}
