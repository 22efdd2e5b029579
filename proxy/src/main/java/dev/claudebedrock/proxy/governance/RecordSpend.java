package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.RequestFacts;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * When a request ends: prices what Bedrock reported it used, writes its ledger row, counts its cost
 * against its budgets, settles its rate limits (real input tokens for the estimate, output tokens,
 * its concurrency slot) and exports spend and tokens by team. Outermost on its route, so its record
 * is made before the access-log line, which then carries the cost. A stream the client abandoned is
 * charged for what was produced: the usage reported so far, and at least one output token per
 * content delta sent.
 */
public final class RecordSpend implements Interceptor {
  private static final int MAX_SESSION_ID = 128;

  private final Governance governance;
  private final Metrics metrics;
  private final String route;
  private final UnaryOperator<String> regionOfTarget;

  /**
   * @param route {@code /v1} or {@code /bedrock}
   * @param regionOfTarget the region of a target by name
   */
  public RecordSpend(Governance governance, Metrics metrics, String route, UnaryOperator<String> regionOfTarget) {
    this.governance = governance;
    this.metrics = metrics;
    this.route = route;
    this.regionOfTarget = regionOfTarget;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    chain.exchange().onFinish(this::record);
    return chain.proceed();
  }

  private void record(Exchange exchange) {
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
    double cost = served ? governance.prices().cost(facts.model(), bedrockModel.isEmpty() ? facts.model() : bedrockModel,
        usage, LocalDate.now(ZoneOffset.UTC)) : 0;
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
