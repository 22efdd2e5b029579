package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over a real socket: every endpoint, every refusal, and what its changes do to client keys. */
class AdminApiTest {
  @TempDir
  static Path dir;
  private static GovernedGateway gw;

  @BeforeAll
  static void start() {
    gw = GovernedGateway.start(dir, "governance:\n  teams:\n    - {name: gitops, budget: {usd: 5, period: day}}\n",
        Map.of());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void createsListsUpdatesAndDeletesTeams() {
    JsonNode team = gw.adminJson("POST", "/admin/v1/teams", "{\"name\":\"research\",\"models\":[\"sonnet\"],"
        + "\"budget\":{\"usd\":100,\"period\":\"month\"},\"limits\":{\"requests_per_minute\":10}}", 201);
    String id = team.get("id").asText();
    assertThat(id).startsWith("team_");
    assertThat(team.get("budget").toString()).isEqualTo("{\"usd\":100.0,\"period\":\"month\",\"alert_at_percent\":80}");
    assertThat(team.get("limits").toString()).isEqualTo("{\"requests_per_minute\":10}");

    JsonNode list = gw.adminJson("GET", "/admin/v1/teams", null, 200).get("data");
    assertThat(list.findValuesAsText("name")).contains("research", "gitops");

    JsonNode patched = gw.adminJson("PATCH", "/admin/v1/teams/" + id, "{\"limits\":null,\"models\":null}", 200);
    assertThat(patched.get("limits").isNull()).isTrue();
    assertThat(patched.get("models").isNull()).isTrue();
    assertThat(patched.get("budget").get("usd").asDouble()).isEqualTo(100);
    assertThat(gw.adminJson("GET", "/admin/v1/teams/" + id, null, 200).get("name").asText()).isEqualTo("research");

    JsonNode key = gw.createKey("{\"name\":\"k\",\"team_id\":\"" + id + "\"}");
    assertThat(gw.admin("DELETE", "/admin/v1/teams/" + id, null).statusCode()).isEqualTo(409);
    gw.adminJson("DELETE", "/admin/v1/keys/" + key.get("id").asText(), null, 200);
    assertThat(gw.adminJson("DELETE", "/admin/v1/teams/" + id, null, 200).get("deleted").asBoolean()).isTrue();
    assertThat(gw.admin("GET", "/admin/v1/teams/" + id, null).statusCode()).isEqualTo(404);

    String gitops = list.findParents("name").stream().filter(t -> t.get("name").asText().equals("gitops"))
        .findFirst().orElseThrow().get("id").asText();
    assertThat(gw.admin("PATCH", "/admin/v1/teams/" + gitops, "{\"name\":\"x\"}").statusCode()).isEqualTo(409);
    assertThat(gw.admin("POST", "/admin/v1/teams", "{\"name\":\"gitops\"}").statusCode()).isEqualTo(409);
  }

  @Test
  void aKeyIsShownOnceWorksAtOnceAndIsNeverListedWithItsSecret() {
    JsonNode created = gw.createKey("{\"name\":\"alice laptop\",\"user\":\"alice@example.com\","
        + "\"metadata\":{\"cost_center\":\"42\"}}");
    String secret = created.get("key").asText();
    assertThat(secret).matches("sk-cbp-[A-Za-z0-9_-]{43}");
    String id = created.get("id").asText();
    assertThat(created.get("key_hint").asText())
        .isEqualTo(secret.substring(0, 11) + "…" + secret.substring(secret.length() - 4));

    HttpResponse<String> answer = gw.messages(secret, GovernedGateway.hello("claude-haiku-4-5", false));
    assertThat(answer.statusCode()).isEqualTo(200);

    String listing = gw.admin("GET", "/admin/v1/keys", null).body();
    assertThat(listing).contains(id).doesNotContain(secret);
    String one = gw.admin("GET", "/admin/v1/keys/" + id, null).body();
    assertThat(one).doesNotContain(secret).contains("\"user\":\"alice@example.com\"", "\"cost_center\":\"42\"",
        "\"status\":\"active\"");

    JsonNode mine = GovernedGateway.json(gw.call("GET", "/v1/gateway/key", null, "Bearer " + secret).body());
    assertThat(mine.get("id").asText()).isEqualTo(id);
    assertThat(mine.get("user").asText()).isEqualTo("alice@example.com");
    assertThat(mine.toString()).doesNotContain(secret);
  }

  @Test
  void revocationAndExpiryRefuseTheKeyWithAnAuthenticationError() {
    String secret = gw.createKey("{\"name\":\"bob\"}").get("key").asText();
    String id = gw.adminJson("GET", "/admin/v1/keys", null, 200).get("data").get(0).get("id").asText();
    JsonNode revoked = gw.adminJson("DELETE", "/admin/v1/keys/" + id, null, 200);
    assertThat(revoked.get("status").asText()).isEqualTo("revoked");
    HttpResponse<String> refused = gw.messages(secret, GovernedGateway.hello("claude-haiku-4-5", false));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("\"type\":\"authentication_error\"", "revoked");

    String expiring = gw.createKey("{\"name\":\"soon\",\"expires_at\":\""
        + java.time.Instant.now().plusMillis(1500) + "\"}").get("key").asText();
    assertThat(gw.messages(expiring, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + 5_000_000_000L;
    HttpResponse<String> later;
    do {
      later = gw.messages(expiring, GovernedGateway.hello("claude-haiku-4-5", false));
    } while (later.statusCode() == 200 && System.nanoTime() < deadline);
    assertThat(later.statusCode()).isEqualTo(401);
    assertThat(later.body()).contains("\"type\":\"authentication_error\"", "expired");
  }

  @Test
  void rotationIssuesANewSecretAndTheOldOneWorksUntilTheGraceEnds() throws Exception {
    JsonNode created = gw.createKey("{\"name\":\"rotating\"}");
    String id = created.get("id").asText();
    String old = created.get("key").asText();
    JsonNode rotated = gw.adminJson("POST", "/admin/v1/keys/" + id + "/rotate", "{\"grace_seconds\":1}", 200);
    String fresh = rotated.get("key").asText();
    assertThat(fresh).isNotEqualTo(old).startsWith("sk-cbp-");
    assertThat(gw.messages(fresh, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
    assertThat(gw.messages(old, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
    Thread.sleep(1100);
    assertThat(gw.messages(old, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(401);
    assertThat(gw.messages(fresh, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
    JsonNode immediate = gw.adminJson("POST", "/admin/v1/keys/" + id + "/rotate", "{}", 200);
    assertThat(gw.messages(fresh, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(401);
    assertThat(
        gw.messages(immediate.get("key").asText(), GovernedGateway.hello("claude-haiku-4-5", false)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void patchChangesAKeysPolicy() {
    JsonNode created = gw.createKey("{\"name\":\"narrow\",\"models\":[\"haiku\"]}");
    String id = created.get("id").asText();
    String secret = created.get("key").asText();
    assertThat(gw.messages(secret, GovernedGateway.hello("claude-sonnet-4-5", false)).statusCode()).isEqualTo(403);
    JsonNode patched = gw.adminJson("PATCH", "/admin/v1/keys/" + id, "{\"models\":[\"haiku\",\"sonnet\"],"
        + "\"name\":\"wider\"}", 200);
    assertThat(patched.get("name").asText()).isEqualTo("wider");
    assertThat(gw.messages(secret, GovernedGateway.hello("claude-sonnet-4-5", false)).statusCode()).isEqualTo(403);
    assertThat(gw.messages(secret, GovernedGateway.hello("sonnet", false)).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesWithoutTheAdminTokenAndNeverForAClientKey() {
    HttpResponse<String> none = gw.call("GET", "/admin/v1/keys", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("authentication_error");
    HttpResponse<String> wrong = gw.call("GET", "/admin/v1/keys", null, "Bearer not-the-admin-token-000");
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> client = gw.call("GET", "/admin/v1/keys", null, "Bearer " + GatewayHarness.TOKEN);
    assertThat(client.statusCode()).isEqualTo(403);
    assertThat(client.body()).contains("permission_error");
    String virtual = gw.createKey("{\"name\":\"not-an-admin\"}").get("key").asText();
    assertThat(gw.call("POST", "/admin/v1/keys", "{\"name\":\"x\"}", "Bearer " + virtual).statusCode()).isEqualTo(403);
  }

  @Test
  void refusesBadInputWithAnthropicShapedErrors() {
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{not json"), "not valid JSON");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "[]"), "JSON object");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{}"), "name");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{\"name\":\"x\",\"colour\":\"red\"}"), "colour: unknown field");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{\"name\":\"x\",\"budget\":{\"usd\":-1,\"period\":\"day\"}}"),
        "budget.usd");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{\"name\":\"x\",\"budget\":{\"usd\":1,\"period\":\"year\"}}"),
        "budget.period");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{\"name\":\"x\",\"limits\":{\"requests_per_minute\":0}}"),
        "limits.requests_per_minute");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{\"name\":\"x\",\"limits\":{\"rpm\":5}}"), "limits.rpm");
    assertInvalid(gw.admin("POST", "/admin/v1/keys", "{\"name\":\"x\",\"expires_at\":\"tomorrow\"}"), "expires_at");
    assertInvalid(gw.admin("POST", "/admin/v1/teams", "{\"name\":\"has space\"}"), "name");
    assertInvalid(gw.admin("GET", "/admin/v1/spend?group_by=planet", null), "group_by");
    assertInvalid(gw.admin("GET", "/admin/v1/spend?from=yesterday", null), "from");
    assertThat(gw.admin("POST", "/admin/v1/keys", "{\"name\":\"x\",\"team_id\":\"team_nope\"}").statusCode())
        .isEqualTo(404);
    assertThat(gw.admin("GET", "/admin/v1/keys/key_nope", null).statusCode()).isEqualTo(404);
    assertThat(gw.admin("PATCH", "/admin/v1/keys/key_nope", "{}").statusCode()).isEqualTo(404);
    assertThat(gw.admin("DELETE", "/admin/v1/keys/key_nope", null).statusCode()).isEqualTo(404);
    assertThat(gw.admin("POST", "/admin/v1/keys/key_nope/rotate", "{}").statusCode()).isEqualTo(404);
    assertThat(gw.admin("GET", "/admin/v1/widgets", null).statusCode()).isEqualTo(404);
    assertThat(gw.admin("PUT", "/admin/v1/keys", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void everyChangeIsInTheAuditLogWithoutSecrets() {
    JsonNode created = gw.createKey("{\"name\":\"audited\"}");
    String id = created.get("id").asText();
    gw.adminJson("DELETE", "/admin/v1/keys/" + id, null, 200);
    String audit = gw.admin("GET", "/admin/v1/audit?limit=1000", null).body();
    JsonNode entries = GovernedGateway.json(audit).get("data");
    assertThat(entries.get(0).get("action").asText()).isEqualTo("key.revoke");
    assertThat(entries.get(0).get("target").asText()).isEqualTo(id);
    assertThat(entries.findValuesAsText("action")).contains("key.create");
    assertThat(audit).doesNotContain(created.get("key").asText());
  }

  private static void assertInvalid(HttpResponse<String> response, String mentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"")
        .contains(mentions);
  }
}
