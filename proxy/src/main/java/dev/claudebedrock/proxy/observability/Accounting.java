package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.RequestFacts;
import io.vertx.core.Future;

/**
 * The outermost stage: once the response is complete (or abandoned) it records the request in
 * the metrics and writes its access-log line; while a response streams it counts as active.
 */
public final class Accounting implements Interceptor {
  private final Metrics metrics;
  private final AccessLog accessLog;
  private final boolean countsTokens;

  /**
   * @param countsTokens whether token usage of this route's responses is consumption to meter
   *     ({@code count_tokens} answers carry a count, not usage)
   */
  public Accounting(Metrics metrics, AccessLog accessLog, boolean countsTokens) {
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.countsTokens = countsTokens;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    exchange.onFinish(this::record);
    return chain.proceed().onSuccess(reply -> {
      if (reply instanceof Reply.Events || reply instanceof Reply.Streamed) {
        metrics.activeStreams().incrementAndGet();
        exchange.onFinish(e -> metrics.activeStreams().decrementAndGet());
      }
    });
  }

  private void record(Exchange exchange) {
    long duration = System.nanoTime() - exchange.startNanos();
    RequestFacts facts = exchange.facts();
    metrics.httpRequest(exchange.request().method().name(), exchange.route(), facts.status(), duration);
    String model = facts.model().isEmpty() ? facts.bedrockModel() : facts.model();
    if (countsTokens) {
      Identity identity = exchange.find(Identity.KEY);
      metrics.tokens(identity == null ? "" : identity.team(), model, facts.inputTokens(), facts.outputTokens(),
          facts.cacheReadTokens(), facts.cacheWriteTokens());
    }
    if (facts.firstEventNanos() > 0) {
      metrics.timeToFirstToken(model, facts.firstEventNanos() - exchange.startNanos());
    }
    if (facts.clientDisconnected()) {
      metrics.clientDisconnect(exchange.route());
    }
    accessLog.write(exchange, duration);
  }
}
