package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Team and organization budgets, their alert (log, metric, webhook, once per window) and gauge, and
 * the admin API on a port of its own.
 */
class BudgetsTest {
  @TempDir
  Path dir;

  @Test
  void aTeamBudgetAlertsOnceAndThenRefusesEveryKeyOfTheTeam() throws Exception {
    List<String> alerts = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (GovernedGateway gw = GovernedGateway.start(dir, "", Map.of("BEDROCK_PROXY_GOVERNANCE_ALERT_WEBHOOK",
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))) {
      String team = gw.adminJson("POST", "/admin/v1/teams", "{\"name\":\"frugal\",\"budget\":{\"usd\":0.00002,"
          + "\"period\":\"week\",\"alert_at_percent\":50}}", 201).get("id").asText();
      String a = gw.createKey("{\"name\":\"a\",\"team_id\":\"" + team + "\"}").get("key").asText();
      String b = gw.createKey("{\"name\":\"b\",\"team_id\":\"" + team + "\"}").get("key").asText();
      assertThat(gw.messages(a, GovernedGateway.hello("claude-sonnet-4-5", false)).statusCode()).isEqualTo(200);
      HttpResponse<String> refused = gw.messages(b, GovernedGateway.hello("claude-sonnet-4-5", false));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).contains("billing_error", "weekly budget", "team (frugal)");
      assertThat(gw.messages(a, GovernedGateway.hello("claude-sonnet-4-5", true)).statusCode()).isEqualTo(429);

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (alerts.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(300);
      assertThat(alerts).hasSize(1);
      JsonNode alert = GovernedGateway.json(alerts.get(0));
      assertThat(alert.get("scope").asText()).isEqualTo("team");
      assertThat(alert.get("name").asText()).isEqualTo("frugal");
      assertThat(alert.get("period").asText()).isEqualTo("week");
      assertThat(alert.get("spent_usd").asDouble()).isGreaterThanOrEqualTo(0.00001);
      assertThat(gw.metric("gateway_budget_alerts_total{scope=\"team\"}")).isEqualTo(1);
      assertThat(gw.metric("gateway_budget_used_ratio{name=\"frugal\",scope=\"team\"}")).isGreaterThanOrEqualTo(1);
      assertThat(gw.metric("gateway_rate_limited_total{limit=\"budget\",scope=\"team\"}")).isEqualTo(2);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void anOrganizationBudgetBindsEveryKeyAndTheApiToken() throws Exception {
    String yaml = "governance:\n  organization:\n    budget: {usd: 0.00001, period: day}\n";
    try (GovernedGateway gw = GovernedGateway.start(dir, yaml, Map.of())) {
      String key = gw.createKey("{\"name\":\"any\"}").get("key").asText();
      assertThat(gw.messages(key, GovernedGateway.hello("claude-sonnet-4-5", false)).statusCode()).isEqualTo(200);
      HttpResponse<String> refused = gw.harness.post("/v1/messages", GovernedGateway.hello("claude-haiku-4-5", false));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).contains("billing_error", "daily budget", "organization");
      assertThat(gw.metric("gateway_budget_used_ratio{name=\"organization\",scope=\"organization\"}")).isGreaterThan(1);
    }
  }

  @Test
  void theAdminApiCanHaveAPortOfItsOwn() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (GovernedGateway gw = GovernedGateway.start(dir, "",
        Map.of("BEDROCK_PROXY_ADMIN_PORT", Integer.toString(port)))) {
      assertThat(gw.admin("GET", "/admin/v1/keys", null).statusCode()).isEqualTo(404);
      HttpResponse<String> own = gw.harness.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/admin/v1/keys")).header("authorization", "Bearer " + GovernedGateway.ADMIN).GET().build());
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(own.body()).startsWith("{\"data\":[");
      HttpResponse<String> messages = gw.harness.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/v1/messages")).header("authorization", "Bearer " + GovernedGateway.ADMIN)
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
      assertThat(messages.statusCode()).isEqualTo(404);
    }
  }
}
