package dev.claudebedrock.proxy.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.AttributeKey;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.server.Attempt;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestFacts;
import dev.claudebedrock.proxy.server.RequestListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Requests as OpenTelemetry spans and GenAI metrics: a server span per request (continuing the client's W3C
 * {@code traceparent}), a client span per upstream attempt under it (so retries and failovers show as siblings),
 * the GenAI semantic conventions' attributes, and who asked (key name, team, user, Claude Code session). Never a
 * credential; prompt text only when content capture is on.
 */
public final class TracingListener extends RequestListener {
  private static final AttributeKey<Span> SERVER_SPAN = AttributeKey.named("otel-server-span");
  private static final AttributeKey<Span> ATTEMPT_SPAN = AttributeKey.named("otel-attempt-span");
  private static final AttributeKey<List<String>> STOP_REASONS = AttributeKey.named("otel-stop-reasons");
  private static final String SYSTEM = "aws.bedrock";
  private static final String CHAT = "chat";
  private static final int MAX_SESSION_ID = 128;
  // The W3C propagator only looks headers up by name; listing them (keys) is deprecated and not needed.
  private static final TextMapGetter<HttpServerRequest> HEADERS = (request, key) -> request == null ? null
      : request.getHeader(key);

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean captureContent;
  private final Predicate<String> knownModel;
  private final LongHistogram tokenUsage;
  private final DoubleHistogram operationDuration;
  private final DoubleHistogram timeToFirstToken;

  /**
   * @param captureContent whether prompt text goes into spans
   * @param knownModel the model names that may become metric attribute values; the rest are {@code other}
   */
  public TracingListener(OpenTelemetry otel, boolean captureContent, Predicate<String> knownModel) {
    this.tracer = otel.getTracer("claude-bedrock-proxy");
    this.propagator = otel.getPropagators().getTextMapPropagator();
    this.captureContent = captureContent;
    this.knownModel = knownModel;
    Meter meter = otel.getMeter("claude-bedrock-proxy");
    this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setDescription("Tokens used by a model call, by gen_ai.token.type (input, output)").build();
    this.operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
        .setDescription("Duration of a GenAI operation through the gateway, arrival to last byte").build();
    this.timeToFirstToken = meter.histogramBuilder("gen_ai.server.time_to_first_token").setUnit("s")
        .setDescription("Time from the request's arrival to the first generated content sent to the client").build();
  }

  @Override
  public void requestStart(Exchange exchange) {
    String route = exchange.route();
    if (route.startsWith("/health") || route.equals("/metrics")) {
      return;   // probes and scrapes every few seconds: no one follows them in a trace
    }
    HttpServerRequest request = exchange.request();
    Context parent = propagator.extract(Context.root(), request, HEADERS);
    Span span = tracer.spanBuilder(request.method().name() + " " + exchange.route()).setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("http.request.method", request.method().name())
        .setAttribute("http.route", exchange.route())
        .setAttribute("gateway.request_id", exchange.requestId())
        .startSpan();
    String session = request.getHeader("x-claude-code-session-id");
    if (session != null && !session.isEmpty()) {
      span.setAttribute("session.id", session.length() > MAX_SESSION_ID ? session.substring(0, MAX_SESSION_ID)
          : session);
    }
    exchange.put(SERVER_SPAN, span);
  }

  @Override
  public void authenticated(Exchange exchange, Identity identity) {
    Span span = exchange.find(SERVER_SPAN);
    if (span == null) {
      return;
    }
    span.setAttribute("gateway.key", identity.key());
    setIfPresent(span, "gateway.team", identity.team());
    setIfPresent(span, "enduser.id", identity.user());
  }

  @Override
  public void routed(Exchange exchange, String route, String reason) {
    Span span = exchange.find(SERVER_SPAN);
    if (span != null) {
      span.setAttribute("gateway.route", route);
      span.setAttribute("gateway.route.reason", reason);
    }
  }

  @Override
  public void refused(Exchange exchange, String scope, String limit) {
    Span span = exchange.find(SERVER_SPAN);
    if (span != null) {
      span.addEvent("gateway.refused", Attributes.builder().put("gateway.refused.scope", scope)
          .put("gateway.refused.limit", limit).build());
    }
  }

  @Override
  public void shed(Exchange exchange, String reason) {
    Span span = exchange.find(SERVER_SPAN);
    if (span != null) {
      span.addEvent("gateway.shed", Attributes.builder().put("gateway.shed.reason", reason).build());
    }
  }

  @Override
  public void cacheLookup(Exchange exchange, boolean hit) {
    Span span = exchange.find(SERVER_SPAN);
    if (span != null) {
      span.setAttribute("gateway.cache.hit", hit);
    }
  }

  @Override
  public void attemptStart(Exchange exchange, Attempt attempt) {
    Span server = exchange.find(SERVER_SPAN);
    if (server == null) {
      return;
    }
    Span span = tracer.spanBuilder(CHAT + " " + attempt.modelId()).setParent(Context.root().with(server))
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("gen_ai.system", SYSTEM)
        .setAttribute("gen_ai.provider.name", SYSTEM)
        .setAttribute("gen_ai.operation.name", CHAT)
        .setAttribute("gen_ai.request.model", attempt.modelId())
        .setAttribute("gateway.target", attempt.target())
        .setAttribute("gateway.attempt", attempt.number())
        .setAttribute("gateway.upstream.operation", attempt.operation())
        .startSpan();
    exchange.put(ATTEMPT_SPAN, span);
  }

  @Override
  public void upstreamHeaders(Exchange exchange, Attempt attempt) {
    Span span = exchange.find(ATTEMPT_SPAN);
    if (span != null) {
      span.setAttribute("http.response.status_code", attempt.status());
      setIfPresent(span, "aws.request_id", attempt.upstreamRequestId());
    }
  }

  @Override
  public void attemptEnd(Exchange exchange, Attempt attempt) {
    Span span = exchange.find(ATTEMPT_SPAN);
    if (span == null) {
      return;
    }
    exchange.put(ATTEMPT_SPAN, null);
    span.setAttribute("gateway.attempt.outcome", attempt.outcome().label());
    if (!attempt.errorType().isEmpty()) {
      span.setAttribute("error.type", attempt.errorType());
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  @Override
  public void failover(Exchange exchange, String fromTarget, String toTarget) {
    Span span = exchange.find(SERVER_SPAN);
    if (span != null) {
      span.addEvent("gateway.failover", Attributes.builder().put("gateway.failover.from", fromTarget)
          .put("gateway.failover.to", toTarget).build());
    }
  }

  @Override
  public void firstEvent(Exchange exchange, long nanos) {
    Span span = exchange.find(SERVER_SPAN);
    if (span != null) {
      span.addEvent("gen_ai.first_token");
    }
  }

  @Override
  public void stopReason(Exchange exchange, String reason) {
    List<String> reasons = exchange.find(STOP_REASONS);
    if (reasons == null) {
      reasons = new ArrayList<>(1);
      exchange.put(STOP_REASONS, reasons);
    }
    if (!reasons.contains(reason)) {
      reasons.add(reason);
    }
  }

  @Override
  public void requestEnd(Exchange exchange, long durationNanos) {
    Span span = exchange.find(SERVER_SPAN);
    if (span == null) {
      return;
    }
    Span attempt = exchange.find(ATTEMPT_SPAN);
    if (attempt != null) {
      attempt.end();   // an attempt the client abandoned
    }
    RequestFacts facts = exchange.facts();
    span.setAttribute("http.response.status_code", facts.status());
    boolean model = !facts.model().isEmpty() || !facts.bedrockModel().isEmpty();
    if (model) {
      span.setAttribute("gen_ai.system", SYSTEM);
      span.setAttribute("gen_ai.provider.name", SYSTEM);
      span.setAttribute("gen_ai.operation.name", CHAT);
      setIfPresent(span, "gen_ai.request.model", facts.model());
      setIfPresent(span, "gen_ai.response.model", facts.bedrockModel());
      if (facts.inputTokens() >= 0) {
        span.setAttribute("gen_ai.usage.input_tokens", facts.inputTokens());
      }
      if (facts.outputTokens() >= 0) {
        span.setAttribute("gen_ai.usage.output_tokens", facts.outputTokens());
      }
      List<String> reasons = exchange.find(STOP_REASONS);
      if (reasons != null) {
        span.setAttribute(io.opentelemetry.api.common.AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
            reasons);
      }
    }
    MessagesRequest request = exchange.find(MessagesRequest.KEY);
    if (request != null) {
      Long maxTokens = request.maxTokens();
      if (maxTokens != null) {
        span.setAttribute("gen_ai.request.max_tokens", maxTokens.longValue());
      }
      if (captureContent) {
        span.setAttribute("gen_ai.input.messages", String.valueOf(request.body().get("messages")));
        JsonNode system = request.body().get("system");
        if (system != null) {
          span.setAttribute("gen_ai.system_instructions", system.toString());
        }
      }
    }
    if (facts.attempts() > 0) {
      span.setAttribute("gateway.attempts", facts.attempts());
    }
    if (!facts.errorType().isEmpty()) {
      span.setAttribute("error.type", facts.errorType());
    }
    if (facts.status() >= 500 || facts.status() == 0) {
      span.setStatus(StatusCode.ERROR);
    }
    if (facts.clientDisconnected()) {
      span.setAttribute("gateway.client_disconnected", true);
    }
    span.end();
    if (model) {
      record(exchange, facts, durationNanos);
    }
  }

  private void record(Exchange exchange, RequestFacts facts, long durationNanos) {
    AttributesBuilder common = Attributes.builder().put("gen_ai.system", SYSTEM)
        .put("gen_ai.provider.name", SYSTEM).put("gen_ai.operation.name", CHAT)
        .put("gen_ai.request.model", label(facts.model())).put("gen_ai.response.model", label(facts.bedrockModel()));
    Attributes base = common.build();
    if (facts.inputTokens() >= 0) {
      tokenUsage.record(facts.inputTokens(), base.toBuilder().put("gen_ai.token.type", "input").build());
    }
    if (facts.outputTokens() >= 0) {
      tokenUsage.record(facts.outputTokens(), base.toBuilder().put("gen_ai.token.type", "output").build());
    }
    Attributes duration = facts.errorType().isEmpty() ? base
        : base.toBuilder().put("error.type", facts.errorType()).build();
    operationDuration.record(durationNanos / 1e9, duration);
    if (facts.firstEventNanos() > 0) {
      timeToFirstToken.record((facts.firstEventNanos() - exchange.startNanos()) / 1e9, base);
    }
  }

  /** A model name as a metric attribute: from the closed set of configured names, else {@code other}. */
  private String label(String model) {
    return model.isEmpty() ? "" : knownModel.test(model) ? model : "other";
  }

  private static void setIfPresent(Span span, String key, String value) {
    if (value != null && !value.isEmpty()) {
      span.setAttribute(key, value);
    }
  }
}
