package dev.claudebedrock.proxy.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestFacts;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import net.logstash.logback.argument.StructuredArgument;

/**
 * The fields of one access-log line, taken from a finished exchange on its event loop and written as JSON by the log
 * encoder on the log writer's thread ({@link BatchingConsoleAppender}): a copy of final values, so the writer never
 * reads the exchange, and written field by field with Jackson's streaming generator, with no map, boxing or
 * serialiser lookup per line. Absent facts (empty strings, negative counts and times) are left out of the line.
 *
 * @param identity the credential's identity, or null when anonymous or unauthenticated
 * @param durationNanos arrival to the last byte of the response
 * @param ttftNanos arrival to the first generated content, or -1
 * @param overheadNanos arrival to the first upstream request leaving, or -1
 * @param upstreamLatencyNanos upstream request leaving to its response headers, or -1
 */
record AccessLogLine(
    String requestId,
    String method,
    String route,
    int status,
    long durationNanos,
    String client,
    Identity identity,
    double costUsd,
    String model,
    String bedrockModel,
    String target,
    String routeChoice,
    String routeReason,
    boolean stream,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long ttftNanos,
    long overheadNanos,
    long upstreamLatencyNanos,
    int attempts,
    String targetsTried,
    String circuitSkipped,
    boolean circuitPanic,
    String circuitChanges,
    String upstreamRequestId,
    String errorType,
    String shed,
    String upstreamErrorType,
    String cacheResult,
    String tokenCountSource,
    boolean clientDisconnected) implements StructuredArgument {

  private static final JsonFactory JSON = new JsonFactory();

  /** The line of a finished exchange. */
  static AccessLogLine of(Exchange exchange, String method, long durationNanos) {
    RequestFacts f = exchange.facts();
    Identity identity = exchange.find(Identity.KEY);
    long start = exchange.startNanos();
    return new AccessLogLine(exchange.requestId(), method, exchange.route(), f.status(), durationNanos, f.client(),
        identity == Identity.ANONYMOUS ? null : identity, f.costUsd(), f.model(), f.bedrockModel(), f.target(),
        f.routeChoice(), f.routeReason(), f.stream(), f.countedTokens() >= 0 ? f.countedTokens() : f.inputTokens(),
        f.outputTokens(), f.cacheReadTokens(), f.cacheWriteTokens(),
        f.firstEventNanos() > 0 ? f.firstEventNanos() - start : -1,
        f.upstreamSentNanos() > 0 ? f.upstreamSentNanos() - start : -1,
        f.upstreamHeadersNanos() > 0 ? f.upstreamHeadersNanos() - f.upstreamSentNanos() : -1,
        f.attempts(), f.targetsTried(), f.circuitSkipped(), f.circuitPanic(), f.circuitChanges(),
        f.upstreamRequestId(), f.errorType(), f.shed(), f.upstreamErrorType(), f.cacheResult(), f.tokenCountSource(),
        f.clientDisconnected());
  }

  /** Writes the fields into the log line's JSON object, in the order an operator reads them. */
  @Override
  public void writeTo(JsonGenerator out) throws IOException {
    out.writeStringField("request_id", requestId);
    out.writeStringField("method", method);
    out.writeStringField("route", route);
    out.writeNumberField("status", status);
    out.writeNumberField("duration_ms", millis(durationNanos));
    text(out, "client", client);
    if (identity != null) {
      text(out, "key", identity.keyId());
      text(out, "team", identity.team());
      text(out, "user", identity.user());
    }
    if (costUsd >= 0) {
      out.writeNumberField("cost_usd", costUsd);
    }
    text(out, "model", model);
    text(out, "bedrock_model", bedrockModel);
    text(out, "target", target);
    text(out, "route_choice", routeChoice);
    text(out, "route_reason", routeReason);
    flag(out, "stream", stream);
    count(out, "input_tokens", inputTokens);
    count(out, "output_tokens", outputTokens);
    count(out, "cache_read_input_tokens", cacheReadTokens);
    count(out, "cache_creation_input_tokens", cacheWriteTokens);
    time(out, "ttft_ms", ttftNanos);
    time(out, "overhead_ms", overheadNanos);
    time(out, "upstream_latency_ms", upstreamLatencyNanos);
    if (attempts > 1) {
      out.writeNumberField("attempts", attempts);
      text(out, "targets_tried", targetsTried);
    }
    text(out, "circuit_skipped", circuitSkipped);
    flag(out, "circuit_panic", circuitPanic);
    text(out, "circuit_changes", circuitChanges);
    text(out, "upstream_request_id", upstreamRequestId);
    text(out, "error_type", errorType);
    text(out, "shed", shed);
    text(out, "upstream_error_type", upstreamErrorType);
    text(out, "cache", cacheResult);
    text(out, "token_count_source", tokenCountSource);
    flag(out, "client_disconnected", clientDisconnected);
  }

  /** The fields as a JSON object, for appenders that print arguments as text. */
  @Override
  public String toString() {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      writeTo(out);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void text(JsonGenerator out, String name, String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      out.writeStringField(name, value);
    }
  }

  private static void count(JsonGenerator out, String name, long value) throws IOException {
    if (value >= 0) {
      out.writeNumberField(name, value);
    }
  }

  private static void time(JsonGenerator out, String name, long nanos) throws IOException {
    if (nanos >= 0) {
      out.writeNumberField(name, millis(nanos));
    }
  }

  private static void flag(JsonGenerator out, String name, boolean value) throws IOException {
    if (value) {
      out.writeBooleanField(name, true);
    }
  }

  /** Milliseconds to the microsecond. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1e6 * 1000) / 1000.0;
  }
}
