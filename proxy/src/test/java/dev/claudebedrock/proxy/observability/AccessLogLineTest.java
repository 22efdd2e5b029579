package dev.claudebedrock.proxy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestListener;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.junit.jupiter.api.Test;

/** An access-log line as the gateway's encoder writes it: every fact in its place and type, absent facts left out. */
class AccessLogLineTest {
  private static final long START = 1_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRequestThatLearnedEverythingHasEveryFieldInOrderWithItsType() throws Exception {
    Exchange exchange = exchange("/v1/messages");
    exchange.put(Identity.KEY, new Identity("ci", "key_1", "team_1", "platform", "ci@example.com",
        Identity.Status.ACTIVE));
    exchange.facts().status(200).client("ci").costUsd(0.0125).model("claude-sonnet-4-5")
        .bedrockModel("us.anthropic.claude-sonnet-4-5").target("eu").routeChoice("opus").routeReason("model")
        .stream(true).inputTokens(12).outputTokens(34).cacheReadTokens(5).cacheWriteTokens(0)
        .firstEventNanos(START + 2_500_000).upstreamSentNanos(START + 300_000).upstreamHeadersNanos(START + 1_300_000)
        .attempts(2).targetsTried("default,eu").circuitSkipped("west").circuitPanic(true).circuitChanges("default:open")
        .upstreamRequestId("abc-123").errorType("api_error").shed("queue_timeout")
        .upstreamErrorType("ThrottlingException").cacheResult("miss").tokenCountSource("bedrock")
        .clientDisconnected(true);

    JsonNode line = encode(AccessLogLine.of(exchange, "POST", 12_345_678));

    assertThat(fieldNames(line)).containsExactly("timestamp", "level", "service", "message", "logger", "request_id",
        "method", "route", "status", "duration_ms", "client", "key", "team", "user", "cost_usd", "model",
        "bedrock_model", "target", "route_choice", "route_reason", "stream", "input_tokens", "output_tokens",
        "cache_read_input_tokens", "cache_creation_input_tokens", "ttft_ms", "overhead_ms", "upstream_latency_ms",
        "attempts", "targets_tried", "circuit_skipped", "circuit_panic", "circuit_changes", "upstream_request_id",
        "error_type", "shed", "upstream_error_type", "cache", "token_count_source", "client_disconnected");
    assertThat(line.get("message").asText()).isEqualTo("POST /v1/messages 200");
    assertThat(line.get("status").isInt()).isTrue();
    assertThat(line.get("status").asInt()).isEqualTo(200);
    assertThat(line.get("duration_ms").doubleValue()).isEqualTo(12.346);
    assertThat(line.get("key").asText()).isEqualTo("key_1");
    assertThat(line.get("team").asText()).isEqualTo("platform");
    assertThat(line.get("user").asText()).isEqualTo("ci@example.com");
    assertThat(line.get("cost_usd").doubleValue()).isEqualTo(0.0125);
    assertThat(line.get("stream").isBoolean()).isTrue();
    assertThat(line.get("input_tokens").asLong()).isEqualTo(12);
    assertThat(line.get("cache_creation_input_tokens").asLong()).isZero();
    assertThat(line.get("ttft_ms").doubleValue()).isEqualTo(2.5);
    assertThat(line.get("overhead_ms").doubleValue()).isEqualTo(0.3);
    assertThat(line.get("upstream_latency_ms").doubleValue()).isEqualTo(1.0);
    assertThat(line.get("attempts").asInt()).isEqualTo(2);
    assertThat(line.get("targets_tried").asText()).isEqualTo("default,eu");
    assertThat(line.get("circuit_panic").asBoolean()).isTrue();
    assertThat(line.get("client_disconnected").asBoolean()).isTrue();
  }

  @Test
  void aRequestThatLearnedNothingHasOnlyItsIdRouteStatusAndDuration() throws Exception {
    Exchange exchange = exchange("/health");
    exchange.put(Identity.KEY, Identity.ANONYMOUS);
    exchange.facts().status(200);

    JsonNode line = encode(AccessLogLine.of(exchange, "GET", 250_000));

    assertThat(fieldNames(line)).containsExactly("timestamp", "level", "service", "message", "logger", "request_id",
        "method", "route", "status", "duration_ms");
    assertThat(line.get("request_id").asText()).isEqualTo("req_test");
    assertThat(line.get("duration_ms").doubleValue()).isEqualTo(0.25);
  }

  @Test
  void countedTokensStandForTheInputWhenThereAreAny() throws Exception {
    Exchange exchange = exchange("/v1/messages/count_tokens");
    exchange.facts().status(200).inputTokens(7).countedTokens(42).tokenCountSource("estimate");

    JsonNode line = encode(AccessLogLine.of(exchange, "POST", 1_000_000));

    assertThat(line.get("input_tokens").asLong()).isEqualTo(42);
    assertThat(line.has("output_tokens")).isFalse();
  }

  @Test
  void printsItsFieldsAsAJsonObjectForTextAppenders() throws Exception {
    Exchange exchange = exchange("/v1/messages");
    exchange.facts().status(429).errorType("rate_limit_error");

    JsonNode text = JSON.readTree(AccessLogLine.of(exchange, "POST", 0).toString());

    assertThat(fieldNames(text)).containsExactly("request_id", "method", "route", "status", "duration_ms",
        "error_type");
  }

  private static Exchange exchange(String route) {
    return new Exchange(null, "req_test", START, route, null, RequestListener.NONE);
  }

  private static JsonNode encode(AccessLogLine line) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    LoggingEventCompositeJsonEncoder encoder = JsonLogConfigurator.encoder(context);
    ch.qos.logback.classic.Logger logger = context.getLogger("dev.claudebedrock.proxy.access");
    String message = line.method() + " " + line.route() + " " + line.status();
    LoggingEvent event = new LoggingEvent(AccessLogLineTest.class.getName(), logger, Level.INFO, message, null,
        new Object[] {line});
    return JSON.readTree(encoder.encode(event));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
