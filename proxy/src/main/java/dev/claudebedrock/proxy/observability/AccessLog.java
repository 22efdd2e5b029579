package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestFacts;
import dev.claudebedrock.proxy.server.RequestListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request with what an operator needs to follow it: ids, route, model, status,
 * timings, tokens. Never credentials, never prompt text. Health checks and scrapes log at debug
 * level, so probes do not drown the log. Written when the request ends, from its facts.
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
    Map<String, Object> fields = fields(exchange, durationNanos);
    String message = exchange.request().method().name() + " " + exchange.route() + " " + exchange.facts().status();
    if (quiet) {
      log.debug(message, StructuredArguments.entries(fields));
    } else {
      log.info(message, StructuredArguments.entries(fields));
    }
  }

  static Map<String, Object> fields(Exchange exchange, long durationNanos) {
    RequestFacts f = exchange.facts();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("request_id", exchange.requestId());
    fields.put("method", exchange.request().method().name());
    fields.put("route", exchange.route());
    fields.put("status", f.status());
    fields.put("duration_ms", round(durationNanos / 1e6));
    text(fields, "client", f.client());
    Identity identity = exchange.find(Identity.KEY);
    if (identity != null && identity != Identity.ANONYMOUS) {
      text(fields, "key", identity.keyId());
      text(fields, "team", identity.team());
      text(fields, "user", identity.user());
    }
    if (f.costUsd() >= 0) {
      fields.put("cost_usd", f.costUsd());
    }
    text(fields, "model", f.model());
    text(fields, "bedrock_model", f.bedrockModel());
    text(fields, "target", f.target());
    text(fields, "route_choice", f.routeChoice());
    text(fields, "route_reason", f.routeReason());
    if (f.stream()) {
      fields.put("stream", true);
    }
    count(fields, "input_tokens", f.countedTokens() >= 0 ? f.countedTokens() : f.inputTokens());
    count(fields, "output_tokens", f.outputTokens());
    count(fields, "cache_read_input_tokens", f.cacheReadTokens());
    count(fields, "cache_creation_input_tokens", f.cacheWriteTokens());
    if (f.firstEventNanos() > 0) {
      fields.put("ttft_ms", round((f.firstEventNanos() - exchange.startNanos()) / 1e6));
    }
    if (f.upstreamSentNanos() > 0) {
      fields.put("overhead_ms", round((f.upstreamSentNanos() - exchange.startNanos()) / 1e6));
    }
    if (f.upstreamHeadersNanos() > 0) {
      fields.put("upstream_latency_ms", round((f.upstreamHeadersNanos() - f.upstreamSentNanos()) / 1e6));
    }
    if (f.attempts() > 1) {
      fields.put("attempts", f.attempts());
      text(fields, "targets_tried", f.targetsTried());
    }
    text(fields, "circuit_skipped", f.circuitSkipped());
    if (f.circuitPanic()) {
      fields.put("circuit_panic", true);
    }
    text(fields, "circuit_changes", f.circuitChanges());
    text(fields, "upstream_request_id", f.upstreamRequestId());
    text(fields, "error_type", f.errorType());
    text(fields, "shed", f.shed());
    text(fields, "upstream_error_type", f.upstreamErrorType());
    text(fields, "cache", f.cacheResult());
    text(fields, "token_count_source", f.tokenCountSource());
    if (f.clientDisconnected()) {
      fields.put("client_disconnected", true);
    }
    return fields;
  }

  private static void text(Map<String, Object> fields, String name, String value) {
    if (value != null && !value.isEmpty()) {
      fields.put(name, value);
    }
  }

  private static void count(Map<String, Object> fields, String name, long value) {
    if (value >= 0) {
      fields.put(name, value);
    }
  }

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
