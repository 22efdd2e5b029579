package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestListener;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request with what an operator needs to follow it: ids, route, model, status,
 * timings, tokens. Never credentials, never prompt text. Health checks and scrapes log at debug
 * level, so probes do not drown the log. Written when the request ends, from its facts: the event loop copies them
 * into an {@link AccessLogLine} and queues the event; the JSON is encoded and written by the log writer's thread.
 */
public final class AccessLog extends RequestListener {
  private static final Logger log = LoggerFactory.getLogger("dev.claudebedrock.proxy.access");
  private static final Set<String> QUIET_ROUTES = Set.of("/health", "/health/live", "/health/ready", "/metrics",
      "HEAD /");

  /** Writes the line for a finished exchange. */
  @Override
  public void requestEnd(Exchange exchange, long durationNanos) {
    boolean quiet = QUIET_ROUTES.contains(exchange.route()) && exchange.facts().status() < 400;
    if (quiet ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
      return;
    }
    String method = exchange.request().method().name();
    AccessLogLine line = AccessLogLine.of(exchange, method, durationNanos);
    String message = method + " " + exchange.route() + " " + line.status();
    if (quiet) {
      log.debug(message, line);
    } else {
      log.info(message, line);
    }
  }
}
