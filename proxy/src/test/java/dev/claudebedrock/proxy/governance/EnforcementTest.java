package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits, budgets and allowed models, enforced before anything reaches Bedrock, on /v1 (JSON
 * and streaming) and on the Bedrock pass-through, with the refusals and headers clients read.
 */
class EnforcementTest {
  private static final String HAIKU_ID = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

  @TempDir
  static Path dir;
  private static GovernedGateway gw;

  @BeforeAll
  static void start() {
    gw = GovernedGateway.start(dir, "", Map.of());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static String key(String policy) {
    return gw.createKey("{\"name\":\"k\"" + policy + "}").get("key").asText();
  }

  @Test
  void requestsPerMinuteOnV1CarryAnthropicHeadersAndRefuseWithRetryAfter() throws InterruptedException {
    GovernedGateway.awaitRoomInThisMinute();
    String key = key(",\"limits\":{\"requests_per_minute\":3}");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> ok = gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", i % 2 == 1));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("anthropic-ratelimit-requests-limit")).hasValue("3");
      assertThat(ok.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue(Integer.toString(2 - i));
      Instant reset = Instant.parse(ok.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow());
      assertThat(reset).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(61));
    }
    int upstream = gw.harness.sim.requests().size();
    HttpResponse<String> refused = gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", true));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"");
    long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(refused.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
    assertThat(gw.harness.sim.requests()).hasSize(upstream);
    assertThat(gw.metric("gateway_rate_limited_total{limit=\"requests\",scope=\"key\"}")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void teamLimitsBindEveryKeyOfTheTeamTogether() throws InterruptedException {
    GovernedGateway.awaitRoomInThisMinute();
    String team = gw.adminJson("POST", "/admin/v1/teams", "{\"name\":\"small\",\"limits\":{\"requests_per_minute\":2}}",
        201).get("id").asText();
    String a = key(",\"team_id\":\"" + team + "\"");
    String b = key(",\"team_id\":\"" + team + "\"");
    assertThat(gw.messages(a, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
    assertThat(gw.messages(b, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = gw.messages(a, GovernedGateway.hello("claude-haiku-4-5", false));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).contains("this team's limit of requests per minute");
  }

  @Test
  void inputTokensAreChargedFromTheEstimateAndOutputTokensWhenTheResponseEnds() throws InterruptedException {
    GovernedGateway.awaitRoomInThisMinute();
    String inputLimited = key(",\"limits\":{\"input_tokens_per_minute\":60}");
    String prompt = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\""
        + "word ".repeat(40) + "\"}]}";
    assertThat(gw.messages(inputLimited, prompt).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = gw.messages(inputLimited, prompt);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).contains("input tokens per minute");
    assertThat(refused.headers().firstValue("anthropic-ratelimit-input-tokens-limit")).hasValue("60");

    String outputLimited = key(",\"limits\":{\"output_tokens_per_minute\":10}");
    String long12 = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"[[sim:tokens=12]]\"}]}";
    HttpResponse<String> first = gw.messages(outputLimited, long12);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("anthropic-ratelimit-output-tokens-remaining")).hasValue("10");
    HttpResponse<String> second = gw.messages(outputLimited, long12);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.body()).contains("output tokens per minute");
    assertThat(second.headers().firstValue("anthropic-ratelimit-output-tokens-remaining")).hasValue("0");
  }

  @Test
  void concurrencyIsLimitedWhileAStreamIsOpen() throws Exception {
    String key = key(",\"limits\":{\"max_concurrent\":1}");
    gw.harness.sim.faults().script(FaultScript.stall(2, Duration.ofSeconds(2)).times(1));
    HttpRequest streaming = HttpRequest.newBuilder(URI.create(gw.harness.url() + "/v1/messages"))
        .header("content-type", "application/json").header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(GovernedGateway.hello("claude-haiku-4-5", true))).build();
    HttpResponse<InputStream> open = gw.harness.send(streaming, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(open.statusCode()).isEqualTo(200);
    HttpResponse<String> second = gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", false));
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.body()).contains("concurrent requests");
    try (InputStream body = open.body()) {
      body.readAllBytes();
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    int status;
    do {
      status = gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode();
    } while (status != 200 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(200);
  }

  @Test
  void aSpentBudgetRefusesWithABillingErrorThatClaudeCodeDoesNotRetry() {
    String key = key(",\"budget\":{\"usd\":0.000001,\"period\":\"day\"}");
    assertThat(gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
    int upstream = gw.harness.sim.requests().size();
    HttpResponse<String> refused = gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", true));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"billing_error\"")
        .contains("daily budget");
    assertThat(refused.headers().firstValue("x-should-retry")).hasValue("false");
    long untilMidnight = Duration.between(Instant.now(),
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC))
        .toSeconds();
    assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow()))
        .isBetween(untilMidnight - 5, untilMidnight + 5);
    assertThat(gw.harness.sim.requests()).hasSize(upstream);

    JsonNode mine = GovernedGateway.json(gw.call("GET", "/v1/gateway/key", null, "Bearer " + key).body());
    assertThat(mine.get("budget").get("spent_usd").asDouble()).isGreaterThan(0.000001);
    assertThat(mine.get("budget").get("remaining_usd").asDouble()).isZero();
  }

  @Test
  void thePassThroughIsNoWayAroundLimitsBudgetsOrModels() throws InterruptedException {
    GovernedGateway.awaitRoomInThisMinute();
    String limited = key(",\"limits\":{\"requests_per_minute\":1}");
    assertThat(bedrock(limited, HAIKU_ID).statusCode()).isEqualTo(200);
    HttpResponse<String> throttled = bedrock(limited, HAIKU_ID);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("x-amzn-ErrorType").orElseThrow()).startsWith("ThrottlingException");
    assertThat(throttled.body()).contains("\"message\":\"Rate limit reached");

    String broke = key(",\"budget\":{\"usd\":0.000001,\"period\":\"month\"}");
    assertThat(bedrock(broke, HAIKU_ID).statusCode()).isEqualTo(200);
    HttpResponse<String> denied = bedrock(broke, HAIKU_ID);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.headers().firstValue("x-amzn-ErrorType").orElseThrow()).startsWith("AccessDeniedException");
    assertThat(denied.body()).contains("monthly budget");

    String haikuOnly = key(",\"models\":[\"haiku\"]");
    assertThat(bedrock(haikuOnly, "us.anthropic.claude-sonnet-4-5-20250929-v1:0").statusCode()).isEqualTo(403);
    assertThat(bedrock(haikuOnly, "us.anthropic.claude-haiku-5-5").statusCode()).isEqualTo(200);
  }

  @Test
  void aDisallowedModelIsAPermissionErrorOnV1() {
    String key = key(",\"models\":[\"claude-haiku-4-5\"]");
    HttpResponse<String> refused = gw.messages(key, GovernedGateway.hello("claude-opus-4-5", false));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"permission_error\"");
    assertThat(gw.messages(key, GovernedGateway.hello("claude-haiku-4-5-20251001", false)).statusCode()).isEqualTo(200);
    assertThat(gw.messages(key, GovernedGateway.hello(HAIKU_ID, false)).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> bedrock(String key, String model) {
    return gw.harness.send(HttpRequest.newBuilder(URI.create(gw.harness.url() + "/bedrock/model/" + model + "/invoke"))
        .header("content-type", "application/json").header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":20,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
        .build());
  }
}
