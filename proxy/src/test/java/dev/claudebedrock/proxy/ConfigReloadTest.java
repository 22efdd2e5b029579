package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.GatewayProcess;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the configuration while serving, over real sockets: the admin endpoint, a changed file, SIGHUP; a
 * stream in flight finishes on the old configuration, the next request takes the new one, and a bad file is
 * refused while the old configuration keeps serving.
 */
class ConfigReloadTest {
  private static final String ADMIN = "admin-token-for-reload-tests";
  private static final String OPUS = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":50,\"stream\":%s,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Which region? [[sim:tokens=12]]\"}]}";

  @TempDir
  Path dir;
  private BedrockSimulator eu;
  private Path file;

  @BeforeEach
  void start() {
    eu = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).region("eu-west-1").build());
    file = dir.resolve("gateway.yaml");
  }

  @AfterEach
  void stop() {
    eu.close();
  }

  /** The targets never change; routes do. With {@code toEu}, claude-opus-5-5 is answered by the eu target. */
  private String config(boolean toEu, String extra) {
    return """
        targets:
          eu: {region: eu-west-1, endpoint: %s, control_plane_endpoint: %s}
        reload: {watch_interval_ms: 100}
        %s
        %s
        """.formatted(eu.baseUrl(), eu.baseUrl(), toEu ? """
        routes:
          opus:
            models: [claude-opus-5-5]
            targets: [{target: eu}]
        """ : "", extra);
  }

  private GatewayHarness gateway(String yaml, Map<String, String> env) throws Exception {
    Files.writeString(file, yaml);
    Map<String, String> vars = new HashMap<>(Map.of("ADMIN_API_TOKEN", ADMIN,
        "DATABASE_URL", "sqlite:" + dir.resolve("gateway.db")));
    vars.putAll(env);
    return GatewayHarness.startFromFile(file, simulator -> vars);
  }

  @Test
  void aStreamInFlightFinishesOnTheOldRouteAndTheNextRequestTakesTheNewOne() throws Exception {
    try (GatewayHarness gateway = gateway(config(false, ""), Map.of("BEDROCK_PROXY_RELOAD_WATCH", "false"))) {
      gateway.sim.faults().script(FaultScript.stall(3, Duration.ofSeconds(2)));
      HttpResponse<InputStream> stream = gateway.send(messages(gateway, true),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(SseEvents.read(stream.body(), 2)).hasSize(2);

      Files.writeString(file, config(true, ""));
      HttpResponse<String> reload = admin(gateway, "POST");
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
      assertThat(json(reload.body()).path("result").asText()).isEqualTo("success");
      assertThat(json(reload.body()).path("trigger").asText()).isEqualTo("admin-api");

      List<SseEvents.Event> rest = SseEvents.readAll(stream.body());
      assertThat(SseEvents.names(rest)).as("the stream begun before the reload ends normally").endsWith(
          "message_stop");
      assertThat(gateway.sim.requests()).hasSize(1);
      assertThat(gateway.sim.requests().get(0).completed()).isTrue();
      assertThat(eu.requests()).isEmpty();

      HttpResponse<String> next = gateway.send(messages(gateway, false), HttpResponse.BodyHandlers.ofString());
      assertThat(next.statusCode()).isEqualTo(200);
      assertThat(eu.requests()).as("the route of the reloaded configuration answers the next request").hasSize(1);
      assertThat(gateway.sim.requests()).hasSize(1);
      assertThat(reloads(gateway, "success")).isEqualTo(1);
    }
  }

  @Test
  void anInvalidFileIsRefusedSayingWhatIsWrongAndTheRunningConfigurationKeepsServing() throws Exception {
    try (GatewayHarness gateway = gateway(config(true, ""), Map.of("BEDROCK_PROXY_RELOAD_WATCH", "false"))) {
      double startedAt = metric(gateway, "gateway_config_last_reload_success_timestamp_seconds");
      Files.writeString(file, config(false, "retry: {max_attempts: many}"));

      HttpResponse<String> refused = admin(gateway, "POST");
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(json(refused.body()).path("error").path("message").asText())
          .contains("retry.max_attempts").contains("many").contains("running configuration keeps serving");
      assertThat(gateway.send(messages(gateway, false), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      assertThat(eu.requests()).as("the running configuration's route still answers").hasSize(1);

      JsonNode last = json(admin(gateway, "GET").body());
      assertThat(last.path("result").asText()).isEqualTo("failure");
      assertThat(last.path("error").asText()).contains("retry.max_attempts");
      assertThat(reloads(gateway, "failure")).isEqualTo(1);
      assertThat(reloads(gateway, "success")).isZero();
      assertThat(metric(gateway, "gateway_config_last_reload_successful")).isZero();
      assertThat(metric(gateway, "gateway_config_last_reload_success_timestamp_seconds")).isEqualTo(startedAt);

      Files.writeString(file, config(false, ""));
      assertThat(admin(gateway, "POST").statusCode()).isEqualTo(200);
      assertThat(reloads(gateway, "success")).isEqualTo(1);
      assertThat(metric(gateway, "gateway_config_last_reload_successful")).isEqualTo(1);
      assertThat(metric(gateway, "gateway_config_last_reload_success_timestamp_seconds"))
          .isGreaterThanOrEqualTo(startedAt);
    }
  }

  @Test
  void aChangeOnlyARestartCanMakeIsRefusedNamingTheKeys() throws Exception {
    try (GatewayHarness gateway = gateway(config(false, ""), Map.of("BEDROCK_PROXY_RELOAD_WATCH", "false"))) {
      Files.writeString(file, config(true, "server: {max_header_kb: 16}\nupstream: {max_connections: 7}"));

      HttpResponse<String> refused = admin(gateway, "POST");
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(json(refused.body()).path("error").path("message").asText())
          .contains("server.max_header_kb").contains("upstream.max_connections").contains("restart");
      JsonNode last = json(admin(gateway, "GET").body());
      assertThat(last.path("restart_only_keys")).extracting(JsonNode::asText)
          .containsExactly("server.max_header_kb", "upstream.max_connections");
      gateway.send(messages(gateway, false), HttpResponse.BodyHandlers.ofString());
      assertThat(eu.requests()).as("the route change in the refused file did not apply either").isEmpty();
    }
  }

  @Test
  void aChangedFileReloadsByItself() throws Exception {
    try (GatewayHarness gateway = gateway(config(false, ""), Map.of())) {
      Files.writeString(file, config(true, ""));
      JsonNode last = awaitReload(gateway);
      assertThat(last.path("result").asText()).isEqualTo("success");
      assertThat(last.path("trigger").asText()).isEqualTo("file");
      gateway.send(messages(gateway, false), HttpResponse.BodyHandlers.ofString());
      assertThat(eu.requests()).hasSize(1);
    }
  }

  @Test
  void theAdminEndpointWantsTheAdminToken() throws Exception {
    // a client's token is not the admin's
    try (GatewayHarness gateway = gateway(config(false, ""), Map.of("BEDROCK_PROXY_RELOAD_WATCH", "false"))) {
      HttpResponse<String> client = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url()
          + "/admin/v1/config/reload")).header("authorization", "Bearer " + GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers.noBody()).build());
      assertThat(client.statusCode()).isEqualTo(403);
      assertThat(reloads(gateway, "success")).isZero();
    }
  }

  @Test
  void sighupReloadsAndRereadsSecretsGivenAsFiles() throws Exception {
    Path token = dir.resolve("api-token");
    Files.writeString(token, "first-client-token-0000000001\n");
    try (BedrockSimulator sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).build())) {
      Files.writeString(file, config(false, ""));
      Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(sim));
      env.remove("API_AUTH_TOKEN");
      env.put("API_AUTH_TOKEN_FILE", token.toString());
      env.put("BEDROCK_CONFIG", file.toString());
      env.put("BEDROCK_PROXY_RELOAD_WATCH", "false");
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      try (GatewayProcess process = GatewayProcess.start(env)) {
        assertThat(process.send("POST", "/v1/messages", "first-client-token-0000000001", GatewayProcess.HELLO)
            .statusCode()).isEqualTo(200);

        Files.writeString(token, "second-client-token-000000002\n");
        process.signal("HUP");
        awaitLog(process, "Configuration reloaded");

        assertThat(process.send("POST", "/v1/messages", "second-client-token-000000002", GatewayProcess.HELLO)
            .statusCode()).isEqualTo(200);
        assertThat(process.send("POST", "/v1/messages", "first-client-token-0000000001", GatewayProcess.HELLO)
            .statusCode()).as("the rotated-out token no longer gets in").isEqualTo(401);
        assertThat(String.join("\n", process.lines())).doesNotContain("second-client-token")
            .contains("\"trigger\":\"SIGHUP\"");
      }
    }
  }

  private static void awaitLog(GatewayProcess process, String message) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      if (process.lines().stream().map(GatewayProcess::parse)
          .anyMatch(line -> line != null && message.equals(line.path("message").asText()))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no log line '" + message + "' in\n" + String.join("\n", process.lines()));
  }

  private JsonNode awaitReload(GatewayHarness gateway) throws Exception {
    for (int i = 0; i < 250; i++) {
      JsonNode last = json(admin(gateway, "GET").body());
      if (!"start".equals(last.path("trigger").asText())) {
        return last;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the changed file was not reloaded within 5 s");
  }

  private static HttpRequest messages(GatewayHarness gateway, boolean stream) {
    return HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/messages")).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(OPUS.formatted(stream))).build();
  }

  private static HttpResponse<String> admin(GatewayHarness gateway, String method) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/admin/v1/config/reload"))
        .timeout(Duration.ofSeconds(30)).header("authorization", "Bearer " + ADMIN)
        .method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  private static double reloads(GatewayHarness gateway, String result) {
    return metric(gateway, "gateway_config_reload_total{result=\"" + result + "\"}");
  }

  private static double metric(GatewayHarness gateway, String series) {
    return MetricsTest.value(gateway.get("/metrics", false).body(), series);
  }

  private static JsonNode json(String body) throws Exception {
    return GatewayProcess.json(body);
  }
}
