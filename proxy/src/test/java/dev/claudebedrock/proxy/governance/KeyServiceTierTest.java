package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.PostgresServer;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service tier of a key's or a team's own, set through the admin API and kept in either store: the key's over its
 * team's, the team's over the client's header (where the operator allows one) and the route's, sent to Bedrock as
 * {@code X-Amzn-Bedrock-Service-Tier} on InvokeModel and the native Messages API, from both front doors, and over the
 * client's own header on the pass-through.
 */
class KeyServiceTierTest {
  private static final String HAIKU = GovernedGateway.hello("claude-haiku-4-5-20251001", false);
  private static final String SONNET = GovernedGateway.hello("claude-sonnet-4-5-20250929", true);
  private static final String CHAT = "{\"model\":\"claude-haiku-4-5-20251001\",\"max_tokens\":20,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"tiered chat\"}]}";
  private static final String INVOKE_BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":20,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"tiered pass-through\"}]}";
  private static final String TIER = "x-amzn-bedrock-service-tier";

  @TempDir
  Path dir;

  @Test
  @Timeout(120)
  void keysAndTeamsOfTheSqliteStoreChooseTheTier() throws Exception {
    scenario(Map.of());
  }

  @Test
  @Timeout(180) // a Postgres cluster starts first
  void keysAndTeamsOfThePostgresStoreChooseTheTier() throws Exception {
    try (PostgresServer postgres = PostgresServer.start()) {
      scenario(Map.of("DATABASE_URL", postgres.url()));
    }
  }

  private void scenario(Map<String, String> env) throws Exception {
    try (BedrockSimulator mantleSim = BedrockSimulator.start(
        SimulatorConfig.builder().host("127.0.0.1").port(0).build());
        GovernedGateway gw = GovernedGateway.start(dir, """
            targets:
              native: {region: us-east-1, api: mantle, mantle_endpoint: "%s/anthropic"}
            routes:
              fast:
                models: [claude-haiku-4-5-20251001]
                service_tier: priority
                targets: [{target: default}]
              sonnet:
                models: [claude-sonnet-4-5-20250929]
                targets: [{target: native}]
            routing: {allow_client_service_tier: true}
            governance:
              teams:
                - {name: batch-jobs, service_tier: flex}
            """.formatted(mantleSim.baseUrl()), env)) {
      JsonNode team = gw.adminJson("POST", "/admin/v1/teams", "{\"name\":\"nightly\",\"service_tier\":\"flex\"}", 201);
      assertThat(team.get("service_tier").asText()).isEqualTo("flex");
      String teamId = team.get("id").asText();
      String inTeam = secret(gw, "{\"name\":\"in-team\",\"team_id\":\"" + teamId + "\"}");
      JsonNode own = gw.createKey("{\"name\":\"own\",\"team_id\":\"" + teamId + "\",\"service_tier\":\"priority\"}");
      assertThat(own.get("service_tier").asText()).isEqualTo("priority");
      String keyDefault = secret(gw,
          "{\"name\":\"plain\",\"team_id\":\"" + teamId + "\",\"service_tier\":\"default\"}");
      String loose = secret(gw, "{\"name\":\"loose\"}");
      String configTeam = secret(gw, "{\"name\":\"from-config\",\"team_id\":\"cfg:batch-jobs\"}");

      assertThat(tierSent(gw, inTeam, HAIKU, "priority")).as("the team's tier over the client's and the route's")
          .isEqualTo("flex");
      assertThat(tierSent(gw, own.get("key").asText(), HAIKU, "default")).as("the key's over its team's")
          .isEqualTo("priority");
      assertThat(tierSent(gw, keyDefault, HAIKU)).as("a key's own default tier sends nothing, whatever the team's")
          .isNull();
      assertThat(tierSent(gw, loose, HAIKU)).as("no tier of their own: the route's").isEqualTo("priority");
      assertThat(tierSent(gw, loose, HAIKU, "flex")).as("the client's, where allowed").isEqualTo("flex");
      assertThat(tierSent(gw, configTeam, HAIKU)).as("a team of the configuration file").isEqualTo("flex");

      assertThat(gw.messages(own.get("key").asText(), SONNET).statusCode()).isEqualTo(200);
      RecordedRequest mantle = mantleSim.requests().getLast();
      assertThat(mantle.rawPath()).isEqualTo("/anthropic/v1/messages");
      assertThat(mantle.header(TIER)).as("the native Messages API gets the key's tier too").isEqualTo("priority");

      HttpResponse<String> chat = gw.harness.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + inTeam);
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(gw.harness.sim.requests().getLast().header(TIER)).as("the OpenAI front door").isEqualTo("flex");

      HttpResponse<String> passthrough = gw.harness.send(HttpRequest.newBuilder(URI.create(gw.harness.url()
          + "/bedrock/model/global.anthropic.claude-haiku-4-5-20251001-v1:0/invoke"))
          .header("content-type", "application/json").header("authorization", "Bearer " + inTeam)
          .header(TIER, "priority").POST(HttpRequest.BodyPublishers.ofString(INVOKE_BODY)).build());
      assertThat(passthrough.statusCode()).isEqualTo(200);
      assertThat(gw.harness.sim.requests().getLast().header(TIER)).as("the pass-through: the team's over the client's")
          .isEqualTo("flex");
      HttpResponse<String> asSent = gw.harness.send(HttpRequest.newBuilder(URI.create(gw.harness.url()
          + "/bedrock/model/global.anthropic.claude-haiku-4-5-20251001-v1:0/invoke"))
          .header("content-type", "application/json").header("authorization", "Bearer " + loose)
          .header(TIER, "priority").POST(HttpRequest.BodyPublishers.ofString(INVOKE_BODY)).build());
      assertThat(asSent.statusCode()).isEqualTo(200);
      assertThat(gw.harness.sim.requests().getLast().header(TIER)).as("no tier of the key's: the client's as sent")
          .isEqualTo("priority");

      gw.adminJson("PATCH", "/admin/v1/teams/" + teamId, "{\"service_tier\":null}", 200);
      assertThat(tierSent(gw, inTeam, HAIKU)).as("the team's tier cleared: the route's").isEqualTo("priority");
      JsonNode patched = gw.adminJson("PATCH", "/admin/v1/keys/" + own.get("id").asText(),
          "{\"service_tier\":\"flex\"}", 200);
      assertThat(patched.get("service_tier").asText()).isEqualTo("flex");
      assertThat(tierSent(gw, own.get("key").asText(), HAIKU, "priority")).isEqualTo("flex");
      assertThat(gw.adminJson("GET", "/admin/v1/keys/" + own.get("id").asText(), null, 200).get("service_tier")
          .asText()).as("read back from the store").isEqualTo("flex");
      assertThat(gw.adminJson("GET", "/admin/v1/teams/" + teamId, null, 200).get("service_tier").isNull()).isTrue();

      for (String wrong : List.of("\"platinum\"", "3")) {
        HttpResponse<String> refused = gw.admin("PATCH", "/admin/v1/keys/" + own.get("id").asText(),
            "{\"service_tier\":" + wrong + "}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("service_tier must be one of priority, default, flex");
      }
    }
  }

  private static String secret(GovernedGateway gw, String json) {
    return gw.createKey(json).get("key").asText();
  }

  /** Sends a request with the key (and the client's tier header, if given); the tier Bedrock was asked for. */
  private static String tierSent(GovernedGateway gw, String key, String body, String... clientTier) {
    HttpResponse<String> response = clientTier.length == 0 ? gw.messages(key, body)
        : gw.messages(key, body, TIER, clientTier[0]);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return gw.harness.sim.requests().getLast().header(TIER);
  }
}
