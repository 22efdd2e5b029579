package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.GatewayProcess;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where governance keeps its state: nothing without configuration, a SQLite file that survives a
 * restart (the ledger flushed on SIGTERM), a clear refusal to start on a read-only location, and the
 * operators' command line on the same store.
 */
class GovernanceStorageTest {
  private static final String ADMIN = "admin-token-for-tests-0001";

  @TempDir
  Path dir;

  @Test
  @org.junit.jupiter.api.Timeout(180)   // two gateway processes start one after the other
  void keysAndSpendSurviveARestartAndSigtermLosesNoLedgerRow() throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).build())) {
      Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(sim));
      env.put("ADMIN_API_TOKEN", ADMIN);
      env.put("DATABASE_URL", "sqlite:" + dir.resolve("state/gateway.db"));
      env.put("BEDROCK_PROXY_GOVERNANCE_LEDGER_FLUSH_INTERVAL_MS", "60000");
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      String secret;
      String keyId;
      try (GatewayProcess first = GatewayProcess.start(env)) {
        String team = GatewayProcess.json(first.send("POST", "/admin/v1/teams", ADMIN, "{\"name\":\"persist\"}").body())
            .get("id").asText();
        JsonNode key = GatewayProcess
            .json(first.send("POST", "/admin/v1/keys", ADMIN, "{\"name\":\"survivor\",\"team_id\":\""
                + team + "\",\"user\":\"sam@example.com\"}").body());
        secret = key.get("key").asText();
        keyId = key.get("id").asText();
        for (int i = 0; i < 5; i++) {
          assertThat(first.send("POST", "/v1/messages", secret, GatewayProcess.HELLO).statusCode()).isEqualTo(200);
        }
        first.terminate();
        assertThat(first.awaitExit(Duration.ofSeconds(30))).isZero();
        JsonNode access = first.lines().stream().map(GatewayProcess::parse)
            .filter(line -> line != null && "/v1/messages".equals(line.path("route").asText())).findFirst()
            .orElseThrow();
        assertThat(access.get("key").asText()).isEqualTo(keyId);
        assertThat(access.get("team").asText()).isEqualTo("persist");
        assertThat(access.get("user").asText()).isEqualTo("sam@example.com");
        assertThat(access.get("cost_usd").asDouble()).isPositive();
        assertThat(String.join("\n", first.lines())).doesNotContain(secret).doesNotContain(ADMIN);
      }
      try (GatewayProcess second = GatewayProcess.start(env)) {
        assertThat(second.send("POST", "/v1/messages", secret, GatewayProcess.HELLO).statusCode()).isEqualTo(200);
        JsonNode spend = GatewayProcess.json(second.send("GET", "/admin/v1/spend?group_by=key", ADMIN, null).body())
            .get("data");
        assertThat(spend.get(0).get("key_id").asText()).isEqualTo(keyId);
        assertThat(spend.get(0).get("requests").asLong()).isEqualTo(5);
      }
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void withoutGovernanceConfiguredNothingIsWritten() throws Exception {
    Path workdir = Files.createDirectory(dir.resolve("readonly-root"));
    try (BedrockSimulator sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).build())) {
      Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(sim));
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      try (GatewayProcess gateway = GatewayProcess.start(workdir, env)) {
        assertThat(gateway.send("POST", "/v1/messages", GatewayHarness.TOKEN, GatewayProcess.HELLO).statusCode())
            .isEqualTo(200);
        assertThat(gateway.send("GET", "/admin/v1/keys", ADMIN, null).statusCode()).isEqualTo(404);
      }
    }
    try (var files = Files.list(workdir)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void aReadOnlyDatabaseLocationStopsStartUpNamingThePathAndTheFix() throws Exception {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (Files.isWritable(locked)) {
      locked = Path.of("/proc/self");   // root writes through permissions, but nothing creates folders in /proc
    }
    Map<String, String> env = Map.of("ADMIN_API_TOKEN", ADMIN, "API_AUTH_TOKEN", GatewayHarness.TOKEN,
        "DATABASE_URL", "sqlite:" + locked.resolve("data/gateway.db"), "PORT", "0");
    assertThatThrownBy(
        () -> ProxyServer.start(ConfigLoader.fromYaml("", "test", new Environment(env)), new Environment(env)))
        .hasMessageContaining(locked.resolve("data/gateway.db").toString())
        .hasMessageContaining("Mount a writable volume")
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void theCommandLineCreatesListsRotatesAndRevokesKeysAndReportsSpend() throws Exception {
    Map<String, String> env = Map.of("DATABASE_URL", "sqlite:" + dir.resolve("cli.db"));
    JsonNode created = GatewayProcess.json(cli(env, "keys", "create", "--name", "ops", "--user", "ops@example.com",
        "--budget-usd", "25", "--rpm", "30", "--models", "sonnet,haiku"));
    String id = created.get("id").asText();
    assertThat(created.get("key").asText()).startsWith("sk-cbp-");
    assertThat(created.get("budget").toString())
        .isEqualTo("{\"usd\":25.0,\"period\":\"month\",\"alert_at_percent\":80}");
    assertThat(created.get("limits").toString()).isEqualTo("{\"requests_per_minute\":30}");
    String listed = cli(env, "keys", "list");
    assertThat(listed).contains(id).doesNotContain(created.get("key").asText());
    JsonNode rotated = GatewayProcess.json(cli(env, "keys", "rotate", id, "--grace-seconds", "60"));
    assertThat(rotated.get("key").asText()).isNotEqualTo(created.get("key").asText());
    assertThat(GatewayProcess.json(cli(env, "keys", "revoke", id)).get("status").asText()).isEqualTo("revoked");
    assertThat(cli(env, "spend", "--group-by", "model", "--csv")).startsWith("model,requests,");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = dev.claudebedrock.proxy.cli.OperatorCommands.run("keys", new ArrayDeque<>(List.of("create")),
        ConfigLoader.fromYaml("", "test", new Environment(env)), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--name");
    String audit = String.join(",", GatewayProcess.json(cli(env, "keys", "list")).findValuesAsText("status"));
    assertThat(audit).isEqualTo("revoked");
  }

  private static String cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ArrayDeque<String> rest = new ArrayDeque<>(List.of(args));
    String command = rest.removeFirst();
    int code = dev.claudebedrock.proxy.cli.OperatorCommands.run(command, rest,
        ConfigLoader.fromYaml("", "test", new Environment(env)), new PrintStream(out), new PrintStream(err));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

}
