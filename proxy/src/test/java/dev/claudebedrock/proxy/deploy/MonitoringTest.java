package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Alerts, their unit tests and the dashboards: complete, consistent, and built on metrics the gateway really exports. */
class MonitoringTest {
  /** Series Prometheus makes itself. */
  private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
  private static final List<String> DASHBOARDS = List.of("claude-code-performance.json", "bedrock-api-health.json",
      "error-tracking.json", "spend-and-usage.json");

  @Test
  void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysSilent() {
    List<String> alerts = alertNames();
    assertThat(alerts).contains("ClaudeCodeDown", "ClaudeCodeHighErrorRate", "ClaudeCodeBedrockLatencyHigh",
        "ClaudeCodeBedrockThrottling");
    Set<String> fires = new HashSet<>();
    Set<String> silent = new HashSet<>();
    JsonNode tests = DeployFiles.yaml("deploy/prometheus/tests/alerts_test.yml");
    assertThat(DeployFiles.texts(tests.path("rule_files"))).containsExactly("../alerts.yml");
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        (check.path("exp_alerts").isEmpty() ? silent : fires).add(check.path("alertname").asText());
      }
    }
    assertThat(fires).as("alerts with a firing case").containsAll(alerts);
    assertThat(silent).as("alerts with a silent case").containsAll(alerts);
  }

  @Test
  void alertsCarrySeverityAndTheTextOperatorsRead() {
    for (JsonNode rule : DeployFiles.yaml("deploy/prometheus/alerts.yml").path("groups").get(0).path("rules")) {
      String name = rule.path("alert").asText();
      assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
      assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
      assertThat(rule.path("annotations").path("description").asText()).as(name).isNotBlank();
      assertThat(rule.path("for").asText()).as(name + " waits before firing").isNotEmpty();
    }
    String expression = rule("ClaudeCodeBedrockLatencyHigh").path("expr").asText();
    assertThat(expression).contains("histogram_quantile(0.95").contains("bedrock_api_latency_ms_bucket")
        .contains("> 2000");
    assertThat(rule("ClaudeCodeHighErrorRate").path("expr").asText()).contains("status=~\"5..\"").contains("> 0.05");
  }

  @Test
  void provisionsTheFourDashboardsOnPrometheus() {
    List<String> titles = new ArrayList<>();
    Set<String> uids = new HashSet<>();
    for (String file : DASHBOARDS) {
      JsonNode board = DeployFiles.json("deploy/grafana/dashboards/" + file);
      titles.add(board.path("title").asText());
      assertThat(uids.add(board.path("uid").asText())).as(file + " uid unique").isTrue();
      assertThat(board.path("schemaVersion").asInt()).as(file).isPositive();
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : board.path("panels")) {
        assertThat(ids.add(panel.path("id").asInt())).as(file + " panel ids unique").isTrue();
        assertThat(panel.path("gridPos").path("w").asInt()).as(file).isBetween(1, 24);
        if (!panel.path("type").asText().equals("row")) {
          assertThat(panel.path("datasource").path("uid").asText()).as(file).isEqualTo("${datasource}");
          assertThat(panel.path("targets")).as(file + ": " + panel.path("title")).isNotEmpty();
          panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).as(file).isNotBlank());
        }
      }
    }
    assertThat(titles).containsExactlyInAnyOrder("Claude Code Performance", "Bedrock API Health", "Error Tracking",
        "Spend and usage");
    try (Stream<Path> files = Files.list(DeployFiles.file("deploy/grafana/dashboards"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(DASHBOARDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    JsonNode provider = DeployFiles.yaml("deploy/grafana/provisioning/dashboards/claude-code.yml").path("providers")
        .get(0);
    JsonNode grafana = DeployFiles.yaml("docker-compose.prod.yml").path("services").path("grafana");
    assertThat(DeployFiles.texts(grafana.path("volumes")))
        .contains("./deploy/grafana/dashboards:" + provider.path("options").path("path").asText() + ":ro");
    JsonNode datasource = DeployFiles.yaml("deploy/grafana/provisioning/datasources/prometheus.yml").path("datasources")
        .get(0);
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
  }

  @Test
  void everyMetricTheDashboardsAndAlertsUseIsExportedByARunningGateway() throws Exception {
    Set<String> used = metricNamesUsedInDeploy();
    assertThat(used).contains("http_requests_total", "bedrock_api_latency_ms_bucket", "gateway_cache_hit_rate",
        "bedrock_errors_total", "gateway_active_streams", "gateway_spend_usd_total", "gateway_budget_used_ratio",
        "gateway_rate_limited_total");

    // Governance on, so that its metrics exist: a team with a budget, limits and a model list on the
    // API token, Redis named but unreachable (the fallback counter).
    String governance = """
        auth:
          api_auth_token_policy: {team: observed, models: [claude-haiku-4-5], limits: {requests_per_minute: 1000}}
        governance:
          organization: {budget: {usd: 1000, period: month}}
          teams: [{name: observed, budget: {usd: 100, period: month}}]
        """;
    try (GatewayHarness gateway = GatewayHarness.start(governance, Map.of(
        "DATABASE_URL", "sqlite:" + Files.createTempDirectory("monitoring-").resolve("gateway.db"),
        "REDIS_URL", "redis://127.0.0.1:1"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      String message = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]%s}";
      assertThat(post(http, gateway, "/v1/messages", message.formatted("Hello [[sim:tokens=3]]", "")).statusCode())
          .isEqualTo(200);
      assertThat(
          post(http, gateway, "/v1/messages", message.formatted("Stream [[sim:tokens=3]]", ",\"stream\":true")).body())
          .contains("event: message_stop");
      assertThat(post(http, gateway, "/v1/messages/count_tokens", message.formatted("Count", "")).statusCode())
          .isEqualTo(200);
      assertThat(post(http, gateway, "/v1/messages", message.formatted("Not allowed", "").replace("claude-haiku-4-5",
          "claude-opus-4-5")).statusCode()).isEqualTo(403);
      gateway.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
      post(http, gateway, "/v1/messages", message.formatted("Throttled", "")); // answered 429, or retried by the gateway
      disconnectMidStream(http, gateway, message.formatted("A long answer [[sim:tokens=200]]", ",\"stream\":true"));

      Set<String> missing = new TreeSet<>(used);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!missing.isEmpty() && System.nanoTime() < deadline) {
        String scrape = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        missing.removeIf(
            name -> Pattern.compile("^" + Pattern.quote(name) + "[{ ]", Pattern.MULTILINE).matcher(scrape).find());
        Thread.sleep(100);
      }
      assertThat(missing).as("metrics named in deploy/ that the gateway does not export").isEmpty();
    }
  }

  private static HttpResponse<String> post(HttpClient http, GatewayHarness gateway, String path, String json)
      throws Exception {
    return http.send(request(gateway, path, json), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(GatewayHarness gateway, String path, String json) {
    return HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
        .header("x-api-key", GatewayHarness.TOKEN).POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** A client that leaves while the stream is still going (gateway_client_disconnects_total). */
  private static void disconnectMidStream(HttpClient http, GatewayHarness gateway, String json) throws Exception {
    gateway.sim.timing(Duration.ZERO, 20);
    HttpResponse<InputStream> response = http.send(request(gateway, "/v1/messages", json),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      assertThat(body.readNBytes(64)).hasSize(64);
    }
    gateway.sim.awaitCancelled(Duration.ofSeconds(10));
    gateway.sim.timing(Duration.ZERO, 0);
  }

  /** Metric names in the alert rules, the rule tests' input series, and every dashboard query. */
  static Set<String> metricNamesUsedInDeploy() {
    Set<String> names = new TreeSet<>();
    for (JsonNode rule : DeployFiles.yaml("deploy/prometheus/alerts.yml").path("groups").get(0).path("rules")) {
      names.addAll(PromQl.metricNames(rule.path("expr").asText()));
    }
    for (JsonNode test : DeployFiles.yaml("deploy/prometheus/tests/alerts_test.yml").path("tests")) {
      test.path("input_series").forEach(series -> names.addAll(PromQl.metricNames(series.path("series").asText())));
    }
    for (String file : DASHBOARDS) {
      JsonNode board = DeployFiles.json("deploy/grafana/dashboards/" + file);
      board.findValues("expr").forEach(expr -> names.addAll(PromQl.metricNames(expr.asText())));
      for (JsonNode variable : board.path("templating").path("list")) {
        Matcher m = Pattern.compile("label_values\\((\\w+)").matcher(variable.path("definition").asText());
        if (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    names.removeAll(PROMETHEUS_SERIES);
    return names;
  }

  private static List<String> alertNames() {
    List<String> names = new ArrayList<>();
    DeployFiles.yaml("deploy/prometheus/alerts.yml").path("groups")
        .forEach(group -> group.path("rules").forEach(rule -> names.add(rule.path("alert").asText())));
    return names;
  }

  private static JsonNode rule(String alert) {
    for (JsonNode rule : DeployFiles.yaml("deploy/prometheus/alerts.yml").path("groups").get(0).path("rules")) {
      if (rule.path("alert").asText().equals(alert)) {
        return rule;
      }
    }
    throw new AssertionError("no alert " + alert);
  }
}
