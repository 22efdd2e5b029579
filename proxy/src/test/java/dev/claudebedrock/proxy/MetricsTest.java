package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.TwoRegions;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** After known traffic, {@code /metrics} shows the named series with the values that traffic implies. */
class MetricsTest {
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("", GatewayHarness.NO_RETRIES);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void countsRequestsTokensLatencyAndErrors() {
    AnthropicClient client = harness.sdk();
    MessageCreateParams params = MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(64)
        .addUserMessage("Count me [[sim:tokens=7]]").build();
    Message first = client.messages().create(params);
    Message second = client.messages().create(params);
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(e -> {});
    }
    harness.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
    assertThat(harness.post("/v1/messages", StreamingTest.body(false, "throttled")).statusCode()).isEqualTo(429);
    assertThat(harness.post("/v1/messages", "{}", "authorization", "Bearer wrong-token").statusCode()).isEqualTo(401);
    client.close();

    HttpResponse<String> scrape = harness.get("/metrics", false);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    String metrics = scrape.body();

    assertThat(value(metrics, "http_requests_total{method=\"POST\",route=\"/v1/messages\",status=\"200\"}"))
        .isEqualTo(3);
    assertThat(value(metrics, "http_requests_total{method=\"POST\",route=\"/v1/messages\",status=\"429\"}"))
        .isEqualTo(1);
    assertThat(value(metrics, "http_requests_total{method=\"POST\",route=\"/v1/messages\",status=\"401\"}"))
        .isEqualTo(1);
    assertThat(value(metrics,
        "bedrock_api_latency_ms_count{model=\"us.anthropic.claude-haiku-4-5-20251001-v1:0\",operation=\"invoke\",target=\"default\"}"))
        .isEqualTo(3);
    assertThat(value(metrics,
        "bedrock_api_latency_ms_count{model=\"us.anthropic.claude-haiku-4-5-20251001-v1:0\",operation=\"invoke_stream\",target=\"default\"}"))
        .isEqualTo(1);
    assertThat(value(metrics,
        "bedrock_errors_total{error_type=\"ThrottlingException\",operation=\"invoke\",target=\"default\"}"))
        .isEqualTo(1);
    assertThat(value(metrics, "gateway_tokens_total{model=\"claude-haiku-4-5\",team=\"none\",type=\"output\"}"))
        .isEqualTo(21);
    assertThat(value(metrics, "gateway_tokens_total{model=\"claude-haiku-4-5\",team=\"none\",type=\"input\"}"))
        .isEqualTo(first.usage().inputTokens() + second.usage().inputTokens() + first.usage().inputTokens());
    assertThat(value(metrics, "gateway_time_to_first_token_seconds_count{model=\"claude-haiku-4-5\"}")).isEqualTo(1);
    assertThat(value(metrics, "gateway_active_streams")).isEqualTo(0);
    assertThat(value(metrics, "gateway_cache_hit_rate")).isEqualTo(0);
    assertThat(metrics).contains("bedrock_api_latency_ms_bucket{").contains("le=\"2000.0\"");
    assertThat(metrics).contains("jvm_memory_used_bytes");
  }

  @Test
  void turnsModelNamesOutsideTheTableIntoOtherWhateverTheirLengthOrNumber() {
    try (GatewayHarness own = GatewayHarness.start("", GatewayHarness.NO_RETRIES)) {
      injectModelNames(own);
    }
  }

  @Test
  void everySeriesWhoseLabelsAreKnownExistsAtZeroBeforeAnyRequestAndNoneEverReadsNaN() throws Exception {
    Path database = Files.createTempFile("metrics-governance-", ".db");
    try (TwoRegions regions = TwoRegions.start("""
        routes:
          opus: {models: [claude-opus-5-5], targets: [{target: default}, {target: eu}]}
          cheap: {targets: [{target: eu}]}
        routing:
          rules:
            - {name: background, route: cheap, when: {request_class: [background]}}
        governance:
          teams:
            - {name: payments, budget: {usd: 100, period: month}}
        """, Map.of("ADMIN_API_TOKEN", "metrics-test-admin-token-0123", "DATABASE_URL", "sqlite:" + database))) {
      String metrics = regions.metrics();
      for (String target : List.of("default", "eu")) {
        String t = "target=\"" + target + "\"";
        assertThat(value(metrics, "gateway_circuit_state{" + t + "}")).isZero();
        for (String to : List.of("open", "half_open", "closed")) {
          assertThat(value(metrics, "gateway_circuit_transitions_total{" + t + ",to=\"" + to + "\"}")).isZero();
        }
        for (String operation : List.of("invoke", "invoke_stream", "count_tokens")) {
          assertThat(value(metrics, "bedrock_requests_total{operation=\"" + operation + "\",status=\"200\"," + t + "}"))
              .isZero();
          for (String type : List.of("ThrottlingException", "ServiceQuotaExceededException",
              "ServiceUnavailableException",
              "InternalServerException", "ConnectionFailure", "FirstByteTimeout", "ConnectionReset")) {
            assertThat(
                value(metrics, "bedrock_errors_total{error_type=\"" + type + "\",operation=\"" + operation + "\","
                    + t + "}"))
                .isZero();
          }
        }
        for (String outcome : List.of("success", "throttled", "unavailable", "rejected", "timeout", "connection",
            "unauthenticated", "failed")) {
          assertThat(value(metrics, "gateway_upstream_attempts_total{outcome=\"" + outcome + "\"," + t + "}")).isZero();
        }
      }
      assertThat(value(metrics, "gateway_failovers_total{from_target=\"default\",to_target=\"eu\"}")).isZero();
      assertThat(value(metrics, "gateway_failovers_total{from_target=\"eu\",to_target=\"default\"}")).isZero();
      assertThat(value(metrics, "gateway_route_selections_total{reason=\"model\",route=\"opus\"}")).isZero();
      assertThat(value(metrics, "gateway_route_selections_total{reason=\"rule\",route=\"cheap\"}")).isZero();
      assertThat(value(metrics, "gateway_route_selections_total{reason=\"default\",route=\"default\"}")).isZero();
      assertThat(metrics).as("a route without models is chosen only by its rule")
          .doesNotContain("gateway_route_selections_total{reason=\"model\",route=\"cheap\"}");
      for (int status : List.of(200, 400, 401, 403, 404, 413, 429, 500, 504, 529)) {
        assertThat(
            value(metrics, "http_requests_total{method=\"POST\",route=\"/v1/messages\",status=\"" + status + "\"}"))
            .isZero();
      }
      assertThat(value(metrics, "http_requests_total{method=\"POST\",route=\"draining\",status=\"529\"}")).isZero();
      assertThat(value(metrics, "gateway_client_disconnects_total{route=\"/v1/messages\"}")).isZero();
      assertThat(value(metrics, "http_request_duration_seconds_count{route=\"/v1/messages\"}")).isZero();
      assertThat(value(metrics, "gateway_overhead_seconds_count{route=\"/v1/messages\"}")).isZero();
      assertThat(value(metrics, "gateway_cache_lookups_total{result=\"hit\"}")).isZero();
      assertThat(value(metrics, "gateway_rate_limited_total{limit=\"budget\",scope=\"team\"}")).isZero();
      assertThat(value(metrics, "gateway_rate_limited_total{limit=\"requests\",scope=\"key\"}")).isZero();
      assertThat(value(metrics, "gateway_budget_alerts_total{scope=\"team\"}")).isZero();
      assertThat(value(metrics, "gateway_budget_alerts_total{scope=\"organization\"}")).isZero();
      assertThat(value(metrics, "gateway_rate_limit_redis_fallbacks_total")).isZero();
      assertThat(value(metrics, "gateway_budget_used_ratio{name=\"payments\",scope=\"team\"}")).isZero();

      // Micrometer holds a gauge's object weakly unless told otherwise: after a collection it would read NaN.
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      metrics = regions.metrics();
      assertThat(metrics.lines().filter(line -> !line.startsWith("#") && line.contains("NaN")).toList())
          .as("samples reading NaN").isEmpty();
      assertThat(value(metrics, "gateway_circuit_state{target=\"eu\"}")).isZero();
      assertThat(value(metrics, "gateway_rate_limit_redis_fallbacks_total")).isZero();
    } finally {
      Files.deleteIfExists(database);
    }
  }

  private static void injectModelNames(GatewayHarness harness) {
    String huge = "claude-" + "x".repeat(200_000);
    harness.post("/v1/messages", StreamingTest.body(false, "hi").replace("claude-haiku-4-5", huge));
    for (int i = 0; i < 50; i++) {
      harness.post("/v1/messages", StreamingTest.body(false, "hi").replace("claude-haiku-4-5", "claude-invented-" + i));
      harness.post("/bedrock/model/us.anthropic.invented-" + i + "/invoke",
          "{\"anthropic_version\":\"bedrock-2023-05-31\"}");
    }

    String metrics = harness.get("/metrics", false).body();
    assertThat(metrics).doesNotContain("xxxxxxxxxx").doesNotContain("invented");
    assertThat(metrics).contains("model=\"other\"");
    assertThat(metrics.length()).isLessThan(200_000);
  }

  static double value(String metrics, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no series " + series + " in\n" + metrics.lines()
          .filter(l -> l.startsWith(series.substring(0, Math.min(series.length(), 12)))).toList());
    }
    return Double.parseDouble(m.group(1));
  }
}
