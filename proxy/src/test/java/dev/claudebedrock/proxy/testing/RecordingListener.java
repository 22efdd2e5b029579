package dev.claudebedrock.proxy.testing;

import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.Usage;
import dev.claudebedrock.proxy.server.Attempt;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that writes down what it hears, one line per event, for tests to compare with what should happen. */
public final class RecordingListener extends RequestListener {
  private final List<String> events = new CopyOnWriteArrayList<>();

  /** What was heard, in order. */
  public List<String> events() {
    return List.copyOf(events);
  }

  @Override
  public void requestStart(Exchange exchange) {
    events.add("requestStart " + exchange.route());
  }

  @Override
  public void authenticated(Exchange exchange, Identity identity) {
    events.add("authenticated " + identity.key());
  }

  @Override
  public void routed(Exchange exchange, String route, String reason) {
    events.add("routed " + route + " " + reason);
  }

  @Override
  public void cacheLookup(Exchange exchange, boolean hit) {
    events.add("cacheLookup " + (hit ? "hit" : "miss"));
  }

  @Override
  public void attemptStart(Exchange exchange, Attempt attempt) {
    events.add("attemptStart " + attempt.number() + " " + attempt.target() + " " + attempt.operation() + " "
        + attempt.modelId() + (attempt.sentNanos() > 0 ? " sent" : " unsent")
        + (attempt.skippedTargets().isEmpty() ? "" : " skipped=" + attempt.skippedTargets())
        + (attempt.panic() ? " panic" : ""));
  }

  @Override
  public void upstreamHeaders(Exchange exchange, Attempt attempt) {
    events.add("upstreamHeaders " + attempt.number() + " " + attempt.target() + " " + attempt.status());
  }

  @Override
  public void attemptEnd(Exchange exchange, Attempt attempt) {
    events.add("attemptEnd " + attempt.number() + " " + attempt.target() + " " + attempt.outcome()
        + (attempt.errorType().isEmpty() ? "" : " " + attempt.errorType())
        + (attempt.circuitChange().isEmpty() ? "" : " circuit=" + attempt.circuitChange()));
  }

  @Override
  public void failover(Exchange exchange, String fromTarget, String toTarget) {
    events.add("failover " + fromTarget + " " + toTarget);
  }

  @Override
  public void streamStart(Exchange exchange) {
    events.add("streamStart");
  }

  @Override
  public void firstEvent(Exchange exchange, long nanos) {
    events.add("firstEvent");
  }

  @Override
  public void usage(Exchange exchange, Usage usage) {
    events
        .add("usage " + usage.input() + " " + usage.output() + " " + usage.cacheRead() + " " + usage.cacheWrite() + " "
            + usage.cacheWrite1h());
  }

  @Override
  public void upstreamStreamError(Exchange exchange, String errorType) {
    events.add("upstreamStreamError " + errorType);
  }

  @Override
  public void clientAbort(Exchange exchange) {
    events.add("clientAbort");
  }

  @Override
  public void requestEnd(Exchange exchange, long durationNanos) {
    events.add("requestEnd " + exchange.facts().status());
  }
}
