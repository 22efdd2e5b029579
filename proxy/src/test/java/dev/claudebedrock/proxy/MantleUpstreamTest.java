package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/messages} and {@code count_tokens} with Bedrock's native Messages API ("bedrock-mantle") as the upstream,
 * beside a gateway on InvokeModel, each with its own simulator: the same client-visible results, the body passed
 * byte for byte but the model id, errors mapped alike, and failover from Mantle to InvokeModel before the first byte.
 */
class MantleUpstreamTest {
  /** Spacing, key order and an escape that a re-serialisation would change. */
  private static final String BODY = "{ \"model\" : \"claude-haiku-4-5-20251001\",\n  \"max_tokens\":   64,"
      + " \"stream\": %s,\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9, how are you? [[sim:tokens=5]]\"}] }";
  private static GatewayHarness invoke;
  private static GatewayHarness mantle;

  @BeforeAll
  static void start() {
    invoke = GatewayHarness.start("", GatewayHarness.NO_RETRIES);
    mantle = GatewayHarness.start(SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).build(),
        "", url -> Map.of("BEDROCK_PROXY_AWS_API", "mantle", "BEDROCK_PROXY_AWS_MANTLE_ENDPOINT", url + "/anthropic",
            "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1"));
  }

  @AfterAll
  static void stop() {
    invoke.close();
    mantle.close();
  }

  @BeforeEach
  void reset() {
    for (GatewayHarness h : List.of(invoke, mantle)) {
      h.sim.clearRequests();
      h.sim.faults().clear();
      h.sim.clearPromptCache();
    }
  }

  @Test
  void sendsTheClientsBodyByteForByteButTheModelSignedForBedrockMantle() {
    String body = BODY.formatted("false");

    HttpResponse<String> response = mantle.post("/v1/messages", body, "anthropic-beta", "claude-code-20250219");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest sent = mantle.sim.requests().getLast();
    assertThat(sent.operation()).isEqualTo(Operation.MESSAGES);
    assertThat(sent.rawPath()).isEqualTo("/anthropic/v1/messages");
    assertThat(sent.bodyText()).isEqualTo(body.replace("\"claude-haiku-4-5-20251001\"",
        "\"anthropic.claude-haiku-4-5-20251001-v1:0\""));
    assertThat(sent.header("authorization")).contains("/us-east-1/bedrock-mantle/aws4_request");
    assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(sent.header("anthropic-beta")).isEqualTo("claude-code-20250219");
  }

  @Test
  void answersAMessageAsTheInvokeModelGatewayDoes() {
    JsonNode viaInvoke = json(invoke.post("/v1/messages", BODY.formatted("false")));
    JsonNode viaMantle = json(mantle.post("/v1/messages", BODY.formatted("false")));

    assertThat(viaMantle.path("model").asText()).isEqualTo("claude-haiku-4-5-20251001");
    ((ObjectNode) viaInvoke).remove("id");
    ((ObjectNode) viaMantle).remove("id");
    assertThat(viaMantle).isEqualTo(viaInvoke);
  }

  @Test
  void streamsTheSameEventsAndAccountsForTheSameTokens() {
    String series = "gateway_tokens_total{model=\"claude-haiku-4-5-20251001\",team=\"none\",type=\"%s\"}";
    Map<String, Double> before = new java.util.HashMap<>();
    for (GatewayHarness h : List.of(invoke, mantle)) {
      for (String type : List.of("input", "output")) {
        before.put(h + type, counter(h, series.formatted(type)));
      }
    }

    List<SseEvents.Event> viaInvoke = stream(invoke, BODY.formatted("true"));
    List<SseEvents.Event> viaMantle = stream(mantle, BODY.formatted("true"));

    assertThat(SseEvents.names(viaMantle)).startsWith("message_start").endsWith("message_stop")
        .isEqualTo(SseEvents.names(viaInvoke));
    assertThat(withoutIds(viaMantle)).isEqualTo(withoutIds(viaInvoke));
    for (String type : List.of("input", "output")) {
      double mantleTokens = counter(mantle, series.formatted(type)) - before.get(mantle + type);
      double invokeTokens = counter(invoke, series.formatted(type)) - before.get(invoke + type);
      assertThat(mantleTokens).as(type).isEqualTo(invokeTokens).isPositive();
    }
    assertThat(counter(mantle, "bedrock_api_latency_ms_count{model=\"anthropic.claude-haiku-4-5-20251001-v1:0\","
        + "operation=\"messages\",target=\"default\"}")).isGreaterThanOrEqualTo(1);
  }

  /** A counter's value, 0 before its series exists. */
  private static double counter(GatewayHarness h, String series) {
    String metrics = metrics(h);
    return metrics.contains(series + " ") ? MetricsTest.value(metrics, series) : 0;
  }

  @Test
  void countsTokensOnMantlesOwnEndpointEvenForModelsCountTokensRefuses() {
    String haiku = "{\"model\":\"claude-haiku-4-5-20251001\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}";
    String opus = haiku.replace("claude-haiku-4-5-20251001", "claude-opus-5-5");

    HttpResponse<String> viaInvoke = invoke.post("/v1/messages/count_tokens", haiku);
    HttpResponse<String> viaMantle = mantle.post("/v1/messages/count_tokens", haiku);
    HttpResponse<String> opusViaInvoke = invoke.post("/v1/messages/count_tokens", opus);
    HttpResponse<String> opusViaMantle = mantle.post("/v1/messages/count_tokens", opus);

    assertThat(viaMantle.body()).isEqualTo(viaInvoke.body()).contains("input_tokens");
    assertThat(viaMantle.headers().firstValue("x-token-count-source")).hasValue("bedrock");
    assertThat(opusViaInvoke.headers().firstValue("x-token-count-source")).hasValue("estimate");
    assertThat(opusViaMantle.statusCode()).isEqualTo(200);
    assertThat(opusViaMantle.headers().firstValue("x-token-count-source")).hasValue("bedrock");
    assertThat(opusViaMantle.body()).isEqualTo(viaInvoke.body());
    RecordedRequest sent = mantle.sim.requests().getLast();
    assertThat(sent.operation()).isEqualTo(Operation.MESSAGES_COUNT_TOKENS);
    assertThat(sent.bodyJson().path("model").asText()).isEqualTo("anthropic.claude-opus-5-5");
  }

  @Test
  void mapsUpstreamErrorsAsForInvokeModel() {
    for (ErrorType type : List.of(ErrorType.THROTTLING, ErrorType.SERVICE_UNAVAILABLE, ErrorType.ACCESS_DENIED,
        ErrorType.UNRECOGNIZED_CLIENT, ErrorType.MODEL_TIMEOUT)) {
      invoke.sim.faults().script(FaultScript.httpError(type));
      mantle.sim.faults().script(FaultScript.httpError(type));
      HttpResponse<String> viaInvoke = invoke.post("/v1/messages", BODY.formatted("false"));
      HttpResponse<String> viaMantle = mantle.post("/v1/messages", BODY.formatted("false"));

      assertThat(viaMantle.statusCode()).as(type.wireName()).isEqualTo(viaInvoke.statusCode());
      assertThat(json(viaMantle).path("error")).as(type.wireName()).isEqualTo(json(viaInvoke).path("error"));
      assertThat(viaMantle.headers().firstValue("retry-after")).isEqualTo(viaInvoke.headers().firstValue(
          "retry-after"));
    }
  }

  @Test
  void servesTheOpenAiFrontDoorFromTheTranslatedBody() {
    String chat = "{\"model\":\"claude-haiku-4-5-20251001\",\"max_tokens\":64,"
        + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi there\"}]}";

    HttpResponse<String> viaInvoke = invoke.post("/v1/chat/completions", chat);
    HttpResponse<String> viaMantle = mantle.post("/v1/chat/completions", chat);

    assertThat(viaMantle.statusCode()).isEqualTo(200);
    assertThat(json(viaMantle).path("choices")).isEqualTo(json(viaInvoke).path("choices"));
    RecordedRequest sent = mantle.sim.requests().getLast();
    assertThat(sent.operation()).isEqualTo(Operation.MESSAGES);
    assertThat(sent.bodyJson().path("model").asText()).isEqualTo("anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(sent.bodyJson().has("anthropic_version")).isFalse();
    assertThat(sent.bodyJson().path("system").toString()).contains("be brief");
  }

  @Test
  void reportsAPromptTooLongAsClaudeCodeExpects() {
    mantle.sim.faults().script(FaultScript.httpError(ErrorType.VALIDATION, "Input is too long for requested model."));

    HttpResponse<String> response = mantle.post("/v1/messages", BODY.formatted("false"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").path("message").asText()).startsWith("prompt is too long");
  }

  @Test
  void endsAStreamWithTheSameErrorEventWhenTheUpstreamFailsMidway() {
    for (GatewayHarness h : List.of(invoke, mantle)) {
      h.sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.SERVICE_UNAVAILABLE, 3));
    }

    List<SseEvents.Event> viaInvoke = stream(invoke, BODY.formatted("true"));
    List<SseEvents.Event> viaMantle = stream(mantle, BODY.formatted("true"));

    assertThat(SseEvents.names(viaMantle)).isEqualTo(SseEvents.names(viaInvoke)).endsWith("error");
    assertThat(jsonOf(viaMantle.getLast().data()).path("error"))
        .isEqualTo(jsonOf(viaInvoke.getLast().data()).path("error"));
  }

  @Test
  void failsOverFromMantleToInvokeModelBeforeTheFirstByte() {
    try (BedrockSimulator eu = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0)
        .region("eu-west-1").controlApi(true).build());
        GatewayHarness mixed = GatewayHarness.start("""
            targets:
              eu_mantle: {region: eu-west-1, api: mantle, mantle_endpoint: "%s/anthropic"}
            routes:
              haiku:
                models: [claude-haiku-4-5-20251001]
                targets: [{target: eu_mantle}, {target: default}]
            retry: {max_attempts: 2, initial_backoff_ms: 10, max_backoff_ms: 20}
            """.formatted(eu.baseUrl()), Map.of())) {
      eu.faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE).onOperation(Operation.MESSAGES));

      List<SseEvents.Event> events = stream(mixed, BODY.formatted("true"));

      assertThat(SseEvents.names(events)).startsWith("message_start").endsWith("message_stop");
      assertThat(eu.requests()).singleElement().satisfies(r -> {
        assertThat(r.operation()).isEqualTo(Operation.MESSAGES);
        assertThat(r.header("authorization")).contains("/eu-west-1/bedrock-mantle/aws4_request");
      });
      assertThat(mixed.sim.requests()).extracting(RecordedRequest::operation)
          .containsExactly(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM);
      assertThat(MetricsTest.value(metrics(mixed),
          "gateway_failovers_total{from_target=\"eu_mantle\",to_target=\"default\"}")).isEqualTo(1);
    }
  }

  @Test
  void signsWithTheTargetsBedrockApiKeyWhenItHasOne() {
    try (GatewayHarness keyed = GatewayHarness.start(
        SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).build(), "",
        url -> Map.of("BEDROCK_PROXY_AWS_API", "mantle", "BEDROCK_PROXY_AWS_MANTLE_ENDPOINT", url + "/anthropic",
            "AWS_BEARER_TOKEN_BEDROCK", SimulatorConfig.DEFAULT_API_KEY))) {
      assertThat(keyed.post("/v1/messages", BODY.formatted("false")).statusCode()).isEqualTo(200);
      assertThat(keyed.sim.requests().getLast().header("authorization")).startsWith("Bearer ");
    }
  }

  private static List<SseEvents.Event> stream(GatewayHarness h, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(h.url() + "/v1/messages"))
        .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01").header("authorization", "Bearer " + GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<InputStream> response = h.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return SseEvents.readAll(response.body());
  }

  private static List<String> withoutIds(List<SseEvents.Event> events) {
    List<String> data = new ArrayList<>();
    for (SseEvents.Event event : events) {
      data.add(event.data().replaceAll("\"id\":\"msg_[^\"]*\"", "\"id\":\"<id>\"")
          .replaceAll("\"id\":\"toolu_[^\"]*\"", "\"id\":\"<id>\""));
    }
    return data;
  }

  private static String metrics(GatewayHarness h) {
    return h.get("/metrics", false).body();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return jsonOf(response.body());
  }

  private static JsonNode jsonOf(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
