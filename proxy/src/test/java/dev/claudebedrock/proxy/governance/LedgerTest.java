package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spend ledger against the usage the simulator reports: JSON, streams, 1-hour cache writes, abandoned streams. */
class LedgerTest {
  // Claude Haiku 4.5 per million tokens, through a us. profile: 10% over the global price.
  private static final double INPUT = 1.0 * 1.1;
  private static final double OUTPUT = 5.0 * 1.1;
  private static final double WRITE_5M = 1.25 * 1.1;
  private static final double WRITE_1H = 2.0 * 1.1;
  private static final double READ = 0.1 * 1.1;

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

  @Test
  void aJsonAnswerIsLedgeredWithTheTokensAndCostBedrockReported() throws Exception {
    JsonNode key = gw.createKey("{\"name\":\"json\",\"user\":\"dev@example.com\"}");
    HttpResponse<String> answer = gw.messages(key.get("key").asText(), GovernedGateway.hello("claude-haiku-4-5", false),
        "x-claude-code-session-id", "session-42");
    JsonNode usage = GovernedGateway.json(answer.body()).get("usage");
    JsonNode row = gw.awaitRequests(key.get("id").asText(), 1).get(0);
    assertThat(row.get("input_tokens").asLong()).isEqualTo(usage.get("input_tokens").asLong());
    assertThat(row.get("output_tokens").asLong()).isEqualTo(usage.get("output_tokens").asLong());
    assertThat(row.get("cost_usd").asDouble()).isCloseTo(
        (usage.get("input_tokens").asLong() * INPUT + usage.get("output_tokens").asLong() * OUTPUT) / 1e6,
        within(1e-9));
    assertThat(row.get("session_id").asText()).isEqualTo("session-42");
    assertThat(row.get("user").asText()).isEqualTo("dev@example.com");
    assertThat(row.get("route").asText()).isEqualTo("/v1");
    assertThat(row.get("model").asText()).isEqualTo("claude-haiku-4-5");
    assertThat(row.get("bedrock_model").asText()).isEqualTo("us.anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(row.get("region").asText()).isEqualTo("us-east-1");
    assertThat(row.get("status").asInt()).isEqualTo(200);
    assertThat(row.get("served").asBoolean()).isTrue();
  }

  @Test
  void aChatCompletionIsLedgeredCountedAndPricedLikeAMessage() throws Exception {
    JsonNode key = gw.createKey("{\"name\":\"openai\",\"user\":\"tool@example.com\"}");
    String series = "http_requests_total{method=\"POST\",route=\"/v1/chat/completions\",status=\"200\"}";
    double before = gw.metric(series);
    HttpResponse<String> answer = gw.harness.post("/v1/chat/completions", "{\"model\":\"claude-haiku-4-5\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}", "authorization",
        "Bearer " + key.get("key").asText());
    HttpResponse<String> streamed = gw.harness.post("/v1/chat/completions", "{\"model\":\"claude-haiku-4-5\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello again\"}]}", "authorization",
        "Bearer " + key.get("key").asText());

    JsonNode usage = GovernedGateway.json(answer.body()).get("usage");
    assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
    JsonNode rows = gw.awaitRequests(key.get("id").asText(), 2);
    JsonNode row = rows.findParents("route").stream()
        .filter(r -> r.get("input_tokens").asLong() == usage.get("prompt_tokens").asLong()).findFirst().orElseThrow();
    assertThat(row.get("route").asText()).isEqualTo("/openai");
    assertThat(row.get("output_tokens").asLong()).isEqualTo(usage.get("completion_tokens").asLong());
    assertThat(row.get("cost_usd").asDouble()).isCloseTo(
        (usage.get("prompt_tokens").asLong() * INPUT + usage.get("completion_tokens").asLong() * OUTPUT) / 1e6,
        within(1e-9));
    assertThat(row.get("user").asText()).isEqualTo("tool@example.com");
    assertThat(row.get("model").asText()).isEqualTo("claude-haiku-4-5");
    assertThat(rows.findValuesAsText("route")).containsOnly("/openai");
    assertThat(rows.findValues("output_tokens")).allSatisfy(t -> assertThat(t.asLong()).isPositive());
    assertThat(gw.metric(series)).isEqualTo(before + 2);
  }

  @Test
  void aStreamWithOneHourCacheWritesIsPricedAtTheOneHourRate() throws Exception {
    JsonNode key = gw.createKey("{\"name\":\"cache\"}");
    String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":40,\"stream\":true,\"system\":[{\"type\":\"text\","
        + "\"text\":\"" + "You are a careful assistant. ".repeat(30) + "\",\"cache_control\":{\"type\":\"ephemeral\","
        + "\"ttl\":\"1h\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"hello cache\"}]}";
    String first = gw.messages(key.get("key").asText(), body).body();
    String second = gw.messages(key.get("key").asText(), body).body();
    JsonNode start = messageStartUsage(first);
    long written1h = start.get("cache_creation").get("ephemeral_1h_input_tokens").asLong();
    assertThat(written1h).isPositive();
    JsonNode rows = gw.awaitRequests(key.get("id").asText(), 2);
    JsonNode writeRow = rows.findParents("cache_write_1h_tokens").stream()
        .filter(r -> r.get("cache_write_1h_tokens").asLong() > 0).findFirst().orElseThrow();
    assertThat(writeRow.get("cache_write_1h_tokens").asLong()).isEqualTo(written1h);
    assertThat(writeRow.get("cache_write_5m_tokens").asLong()).isZero();
    long output = finalOutputTokens(first);
    assertThat(writeRow.get("output_tokens").asLong()).isEqualTo(output);
    assertThat(writeRow.get("cost_usd").asDouble()).isCloseTo((start.get("input_tokens").asLong() * INPUT
        + written1h * WRITE_1H + output * OUTPUT) / 1e6, within(1e-9));
    JsonNode readRow = rows.findParents("cache_read_input_tokens").stream()
        .filter(r -> r.get("cache_read_input_tokens").asLong() > 0).findFirst().orElseThrow();
    assertThat(readRow.get("cache_read_input_tokens").asLong()).isEqualTo(written1h);
    assertThat(readRow.get("cost_usd").asDouble()).isCloseTo((messageStartUsage(second).get("input_tokens").asLong()
        * INPUT + written1h * READ + finalOutputTokens(second) * OUTPUT) / 1e6, within(1e-9));
    assertThat(WRITE_5M).isLessThan(WRITE_1H);
  }

  @Test
  void anAbandonedStreamIsChargedForWhatWasProduced() throws Exception {
    JsonNode key = gw.createKey("{\"name\":\"abandon\"}");
    gw.harness.sim.timing(Duration.ZERO, 50);
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.harness.url() + "/v1/messages"))
          .header("content-type", "application/json").header("authorization", "Bearer " + key.get("key").asText())
          .POST(
              HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":400,\"stream\":true,"
                  + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:tokens=300]]\"}]}"))
          .build();
      HttpResponse<InputStream> response = gw.harness.send(request, HttpResponse.BodyHandlers.ofInputStream());
      int deltas = 0;
      StringBuilder seen = new StringBuilder();
      try (InputStream in = response.body()) {
        byte[] buffer = new byte[256];
        while (deltas < 10) {
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          deltas = seen.toString().split("event: content_block_delta", -1).length - 1;
        }
      }
      gw.harness.sim.awaitCancelled(Duration.ofSeconds(10));
      JsonNode row = gw.awaitRequests(key.get("id").asText(), 1).get(0);
      assertThat(row.get("served").asBoolean()).isTrue();
      assertThat(row.get("output_tokens").asLong()).isBetween((long) deltas, 299L);
      assertThat(row.get("input_tokens").asLong()).isPositive();
      assertThat(row.get("cost_usd").asDouble()).isCloseTo((row.get("input_tokens").asLong() * INPUT
          + row.get("output_tokens").asLong() * OUTPUT) / 1e6, within(1e-9));
    } finally {
      gw.harness.sim.timing(Duration.ZERO, 0);
    }
  }

  @Test
  void thePassThroughIsLedgeredFromBedrocksHeadersAndFrames() throws Exception {
    JsonNode key = gw.createKey("{\"name\":\"bedrock\"}");
    String secret = key.get("key").asText();
    String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":30,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"[[sim:tokens=7]]\"}]}";
    HttpResponse<String> invoke = gw.harness.send(HttpRequest.newBuilder(URI.create(gw.harness.url()
        + "/bedrock/model/global.anthropic.claude-haiku-4-5-20251001-v1:0/invoke"))
        .header("content-type", "application/json").header("authorization", "Bearer " + secret)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(invoke.statusCode()).isEqualTo(200);
    long input = Long.parseLong(invoke.headers().firstValue("x-amzn-bedrock-input-token-count").orElseThrow());
    HttpResponse<byte[]> stream = gw.harness.send(HttpRequest.newBuilder(URI.create(gw.harness.url()
        + "/bedrock/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/invoke-with-response-stream"))
        .header("content-type", "application/json").header("authorization", "Bearer " + secret)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(stream.statusCode()).isEqualTo(200);
    JsonNode rows = gw.awaitRequests(key.get("id").asText(), 2);
    JsonNode invoked = rows.findParents("bedrock_model").stream()
        .filter(r -> r.get("bedrock_model").asText().startsWith("global.")).findFirst().orElseThrow();
    JsonNode streamed = rows.findParents("bedrock_model").stream()
        .filter(r -> r.get("bedrock_model").asText().startsWith("us.")).findFirst().orElseThrow();
    assertThat(invoked.get("route").asText()).isEqualTo("/bedrock");
    assertThat(invoked.get("output_tokens").asLong()).isEqualTo(7);
    // global. profiles cost the global price: no premium.
    assertThat(invoked.get("cost_usd").asDouble()).isCloseTo((input * 1.0 + 7 * 5.0) / 1e6, within(1e-9));
    assertThat(streamed.get("output_tokens").asLong()).isEqualTo(7);
    assertThat(streamed.get("cost_usd").asDouble()).isCloseTo((input * INPUT + 7 * OUTPUT) / 1e6, within(1e-9));
  }

  @Test
  void spendIsReportedByKeyTeamUserModelAndDayAsJsonOrCsvAndCountsOnlyServedRequests() throws Exception {
    String team = gw.adminJson("POST", "/admin/v1/teams", "{\"name\":\"reporting\"}", 201).get("id").asText();
    JsonNode key = gw.createKey("{\"name\":\"report\",\"team_id\":\"" + team + "\",\"user\":\"rep@example.com\","
        + "\"limits\":{\"requests_per_minute\":2}}");
    String secret = key.get("key").asText();
    String id = key.get("id").asText();
    GovernedGateway.awaitRoomInThisMinute();
    for (int i = 0; i < 3; i++) {
      gw.messages(secret, GovernedGateway.hello("claude-sonnet-4-5", false));
    }
    JsonNode rows = gw.awaitRequests(id, 3);
    assertThat(rows.findValuesAsText("status")).containsExactlyInAnyOrder("429", "200", "200");
    double cost = rows.findValues("cost_usd").stream().mapToDouble(JsonNode::asDouble).sum();

    JsonNode byTeam = gw.adminJson("GET", "/admin/v1/spend?group_by=team&team_id=" + team, null, 200).get("data");
    assertThat(byTeam).hasSize(1);
    assertThat(byTeam.get(0).get("team_id").asText()).isEqualTo(team);
    assertThat(byTeam.get(0).get("requests").asLong()).isEqualTo(2);
    assertThat(byTeam.get(0).get("cost_usd").asDouble()).isCloseTo(cost, within(1e-6));
    JsonNode byUser = gw.adminJson("GET", "/admin/v1/spend?group_by=user&team_id=" + team, null, 200).get("data");
    assertThat(byUser.get(0).get("user").asText()).isEqualTo("rep@example.com");
    JsonNode byModel = gw.adminJson("GET", "/admin/v1/spend?group_by=model&team_id=" + team, null, 200).get("data");
    assertThat(byModel.get(0).get("model").asText()).isEqualTo("claude-sonnet-4-5");
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    JsonNode byDay = gw.adminJson("GET", "/admin/v1/spend?group_by=day&from=" + today + "&to=" + today
        + "&team_id=" + team, null, 200).get("data");
    assertThat(byDay.get(0).get("day").asText()).isEqualTo(today);
    JsonNode byKey = gw.adminJson("GET", "/admin/v1/spend?group_by=key", null, 200).get("data");
    assertThat(byKey.findValuesAsText("key_id")).contains(id);
    assertThat(gw.adminJson("GET", "/admin/v1/spend?group_by=day&from=2001-01-01&to=2001-01-31", null, 200)
        .get("data")).isEmpty();

    HttpResponse<String> csv = gw.harness.send(HttpRequest.newBuilder(URI.create(gw.harness.url()
        + "/admin/v1/spend?group_by=team&team_id=" + team)).header("authorization", "Bearer " + GovernedGateway.ADMIN)
        .header("accept", "text/csv").GET().build());
    assertThat(csv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.body().lines().toList()).hasSize(2).first().isEqualTo(
        "team_id,requests,input_tokens,output_tokens,cache_creation_input_tokens,cache_read_input_tokens,cost_usd");
    assertThat(csv.body().lines().toList().get(1)).startsWith(team + ",2,");
    assertThat(gw.metric("gateway_spend_usd_total{model=\"claude-sonnet-4-5\",team=\"reporting\"}"))
        .isCloseTo(cost, within(1e-6));
  }

  private static JsonNode messageStartUsage(String sse) {
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && line.contains("\"message_start\"")) {
        return GovernedGateway.json(line.substring(6)).get("message").get("usage");
      }
    }
    throw new AssertionError("no message_start in " + sse);
  }

  private static long finalOutputTokens(String sse) {
    long output = -1;
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && line.contains("\"message_delta\"")) {
        output = GovernedGateway.json(line.substring(6)).get("usage").get("output_tokens").asLong();
      }
    }
    return output;
  }
}
