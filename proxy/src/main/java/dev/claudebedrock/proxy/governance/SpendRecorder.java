package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestFacts;
import dev.claudebedrock.proxy.server.RequestListener;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A listener that, when a Messages or pass-through request ends, prices what Bedrock reported it
 * used, writes its ledger row, counts its cost against its budgets, settles its rate limits (real
 * input tokens for the estimate, output tokens, its concurrency slot) and exports spend by team. It
 * comes before the access log among the listeners, so the access-log line carries the cost. A stream
 * the client abandoned is charged for what was produced: the usage reported so far, and at least one
 * output token per content delta sent.
 */
public final class SpendRecorder extends RequestListener {
  private static final int MAX_SESSION_ID = 128;

  private final Governance governance;
  private final Metrics metrics;
  private final UnaryOperator<String> regionOfTarget;

  /** @param regionOfTarget the region of a target by name */
  public SpendRecorder(Governance governance, Metrics metrics, UnaryOperator<String> regionOfTarget) {
    this.governance = governance;
    this.metrics = metrics;
    this.regionOfTarget = regionOfTarget;
  }

  @Override
  public void requestEnd(Exchange exchange, long durationNanos) {
    String route = switch (exchange.route()) {
      case "/v1/messages" -> "/v1";
      case "/v1/chat/completions" -> "/openai";
      case "bedrock" -> "/bedrock";
      case "/mantle/v1/messages" -> "/mantle";
      default -> null;
    };
    if (route != null) {
      record(exchange, route);
    }
  }

  private void record(Exchange exchange, String route) {
    Identity identity = exchange.find(Identity.KEY);
    Admission admission = exchange.find(Admission.KEY);
    RequestFacts facts = exchange.facts();
    TokenUsage usage = usage(facts);
    boolean served = !"hit".equals(facts.cacheResult()) && (facts.inputTokens() >= 0 || facts.outputTokens() >= 0);
    if (admission != null && admission.ticket() != null) {
      governance.limiter().settle(admission.ticket(), usage.totalInput(), usage.output());
    }
    if (identity == null || facts.model().isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    String bedrockModel = facts.bedrockModel();
    double cost = served
        ? governance.prices().cost(facts.model(), bedrockModel.isEmpty() ? facts.model() : bedrockModel,
            usage, LocalDate.now(ZoneOffset.UTC))
        : 0;
    facts.costUsd(cost);
    if (served) {
      metrics.spend(identity.team(), facts.model(), cost);
    }
    if (!governance.stored()) {
      return;
    }
    String session = exchange.request().getHeader("x-claude-code-session-id");
    if (session != null && session.length() > MAX_SESSION_ID) {
      session = session.substring(0, MAX_SESSION_ID);
    }
    long startMillis = now - (System.nanoTime() - exchange.startNanos()) / 1_000_000;
    governance.ledger().offer(new LedgerRow(exchange.requestId(), startMillis, identity.keyId(), identity.key(),
        identity.teamId(), identity.user(), session, route, facts.model(), bedrockModel,
        facts.target().isEmpty() ? "" : regionOfTarget.apply(facts.target()), usage, cost, facts.status(), served,
        (System.nanoTime() - exchange.startNanos()) / 1_000_000));
    if (served) {
      governance.budgets().add(identity.keyId(), identity.teamId(), cost,
          admission == null ? List.of() : admission.budgets());
    }
  }

  private static TokenUsage usage(RequestFacts facts) {
    long cacheWrite = Math.max(0, facts.cacheWriteTokens());
    long oneHour = Math.min(cacheWrite, Math.max(0, facts.cacheWrite1hTokens()));
    long output = Math.max(0, facts.outputTokens());
    if (facts.clientDisconnected()) {
      output = Math.max(output, facts.contentDeltas());
    }
    return new TokenUsage(Math.max(0, facts.inputTokens()), output, cacheWrite - oneHour, oneHour,
        Math.max(0, facts.cacheReadTokens()));
  }
}
