package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compose files: accepted by Docker Compose itself, and the settings the deployment promises.
 * scripts/container-test.sh runs them with a Docker engine.
 */
class ComposeFilesTest {
  private static final Pattern SECRET_NAME = Pattern
      .compile("(?i).*(token|secret|password|passwd|credential|webhook|_key).*");
  private static final Pattern EMPTY_DEFAULT_REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+(:?-)?}");

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.prod.yml", "deploy/swarm/docker-stack.yml"})
  void isAcceptedByDockerCompose(String file) {
    DeployFiles.Result config = ComposeCli.require().config(DeployFiles.file(file));
    assertThat(config.exit()).as(file + ": " + config.output()).isZero();
  }

  @Test
  void dockerComposeRefusesAKeyTheSpecificationDoesNotHave(@TempDir Path dir) throws IOException {
    Path misspelt = Files.writeString(dir.resolve("compose.yml"),
        "services:\n  claude-code:\n    image: claude-code:latest\n    read_onyl: true\n");
    DeployFiles.Result config = ComposeCli.require().config(misspelt);
    assertThat(config.exit()).as(config.output()).isNotZero();
    assertThat(config.output()).contains("read_onyl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.prod.yml"})
  void givesEveryServiceAHealthCheckARestartPolicyAndRotatedLogs(String file) {
    JsonNode services = DeployFiles.yaml(file).path("services");
    assertThat(services.size()).isPositive();
    services.fields().forEachRemaining(service -> {
      JsonNode s = service.getValue();
      String name = file + ": " + service.getKey();
      assertThat(s.path("healthcheck").path("test").isArray()).as(name + " healthcheck").isTrue();
      assertThat(s.path("restart").asText()).as(name + " restart").isIn("unless-stopped", "always");
      assertThat(s.path("logging").path("driver").asText()).as(name + " logging").isEqualTo("json-file");
      assertThat(s.path("logging").path("options").path("max-size").asText()).as(name).isEqualTo("50m");
      assertThat(s.path("logging").path("options").path("max-file").asText()).as(name).isEqualTo("10");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.prod.yml"})
  void mountsOnlyFilesThatExist(String file) {
    DeployFiles.yaml(file).path("services").forEach(service -> service.path("volumes").forEach(volume -> {
      String source = volume.asText().split(":")[0];
      if (source.startsWith("./")) {
        assertThat(DeployFiles.file(source.substring(2))).as(file + ": " + volume.asText()).exists();
      }
    }));
  }

  @Test
  void developmentFileRunsTheGatewayWithItsLimitsAndTheOfflineAndMonitoringProfiles() {
    JsonNode compose = DeployFiles.yaml("docker-compose.yml");
    JsonNode gateway = compose.path("services").path("claude-code");
    assertThat(gateway.path("build").path("context").asText()).isEqualTo(".");
    assertThat(DeployFiles.texts(gateway.path("ports"))).containsExactly("3000:3000");
    assertThat(gateway.path("env_file").get(0).path("path").asText()).isEqualTo(".env");
    assertThat(gateway.path("env_file").get(0).path("required").asBoolean(true)).isFalse();
    assertThat(DeployFiles.texts(gateway.path("volumes"))).contains(
        "./.claude/bedrock.config.yaml:/app/.claude/bedrock.config.yaml:ro", "./scripts:/app/scripts:ro",
        "claude-code-logs:/app/logs");
    assertLimits(gateway, "2", "1G", "0.5", "512M");
    assertThat(compose.path("networks").path("default").path("name").asText()).isEqualTo("claude-code-network");

    JsonNode sim = compose.path("services").path("bedrock-sim");
    assertThat(DeployFiles.texts(sim.path("profiles"))).containsExactly("offline");
    assertThat(sim.path("build").path("target").asText()).isEqualTo("bedrock-sim");
    assertThat(gateway.path("depends_on").path("bedrock-sim").path("required").asBoolean(true)).isFalse();
    assertThat(gateway.path("entrypoint").get(2).asText()).isEqualTo("/app/scripts/dev-entrypoint.sh");
    Path entrypoint = DeployFiles.file("scripts/dev-entrypoint.sh");
    assertThat(Files.isExecutable(entrypoint)).isTrue();
    assertThat(DeployFiles.read("scripts/dev-entrypoint.sh")).contains("getent hosts bedrock-sim")
        .contains("BEDROCK_ENDPOINT=http://bedrock-sim:9100");
    assertThat(DeployFiles.texts(compose.path("services").path("prometheus").path("profiles")))
        .containsExactly("monitoring");
  }

  @Test
  void productionGatewayIsHardenedAndBoundToLoopback() {
    JsonNode gateway = DeployFiles.yaml("docker-compose.prod.yml").path("services").path("claude-code");
    assertThat(DeployFiles.texts(gateway.path("ports"))).containsExactly("127.0.0.1:3000:3000");
    assertThat(gateway.path("read_only").asBoolean()).isTrue();
    assertThat(DeployFiles.texts(gateway.path("tmpfs"))).anySatisfy(t -> assertThat(t).matches("/tmp(:.*)?"));
    assertThat(DeployFiles.texts(gateway.path("cap_drop"))).containsExactly("ALL");
    assertThat(gateway.has("cap_add")).isFalse();
    assertThat(DeployFiles.texts(gateway.path("security_opt"))).contains("no-new-privileges:true");
    assertThat(gateway.path("privileged").asBoolean(false)).isFalse();
    assertLimits(gateway, "${CLAUDE_CODE_CPUS:-4}", "4G", "${CLAUDE_CODE_CPUS_RESERVED:-2}", "2G");
    assertThat(gateway.path("ulimits").path("nofile").path("soft").asText()).isEqualTo("${NOFILE_LIMIT:-65536}");
    JsonNode env = gateway.path("environment");
    assertThat(env.path("BEDROCK_PROXY_AUTH_HEALTH_REQUIRES_TOKEN").asText()).as("/health behind the token")
        .isEqualTo("true");
    assertThat(env.path("API_AUTH_TOKEN_FILE").asText()).isEqualTo("/run/secrets/api_auth_token");
    assertThat(DeployFiles.texts(gateway.path("secrets"))).contains("api_auth_token");
    assertThat(gateway.path("stop_grace_period").asText()).as("longer than server.shutdown_grace_seconds")
        .isEqualTo("40s");
  }

  @Test
  void productionRunsNginxPrometheusAlertmanagerAndGrafanaOnTheirPorts() {
    JsonNode compose = DeployFiles.yaml("docker-compose.prod.yml");
    JsonNode services = compose.path("services");
    assertThat(DeployFiles.names(services)).containsExactlyInAnyOrder("claude-code", "nginx", "prometheus",
        "alertmanager", "grafana");
    assertThat(DeployFiles.texts(services.path("nginx").path("ports"))).containsExactlyInAnyOrder("80:80", "443:443");
    assertThat(DeployFiles.texts(services.path("nginx").path("volumes")))
        .contains("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro")
        .anySatisfy(v -> assertThat(v).endsWith(":/etc/nginx/certs:ro"));
    assertThat(services.path("nginx").path("read_only").asBoolean()).isTrue();
    assertThat(DeployFiles.texts(services.path("prometheus").path("ports"))).containsExactly("127.0.0.1:9090:9090");
    assertThat(DeployFiles.texts(services.path("prometheus").path("command")))
        .contains("--storage.tsdb.retention.time=30d");
    assertThat(DeployFiles.texts(services.path("alertmanager").path("ports"))).containsExactly("127.0.0.1:9093:9093");
    assertThat(DeployFiles.texts(services.path("grafana").path("ports"))).containsExactly("127.0.0.1:3001:3000");
    assertThat(services.path("grafana").path("environment").path("GF_SECURITY_ADMIN_PASSWORD__FILE").asText())
        .isEqualTo("/run/secrets/grafana_password");
    assertThat(services.path("nginx").path("image").asText()).isEqualTo("${NGINX_IMAGE:-nginx:1.27-alpine}");
    assertThat(DeployFiles.names(compose.path("volumes")))
        .containsExactlyInAnyOrder("claude-code-data", "prometheus-data", "alertmanager-data", "grafana-data");
    assertThat(compose.path("networks").path("claude-code-network").path("name").asText())
        .isEqualTo("claude-code-network");
    services.forEach(s -> assertThat(DeployFiles.texts(s.path("networks"))).containsExactly("claude-code-network"));
    services.forEach(s -> assertThat(DeployFiles.texts(s.path("security_opt"))).contains("no-new-privileges:true"));
  }

  @Test
  void productionSecretsAreFilesSoTheServicesKeepAReadOnlyRoot() {
    JsonNode compose = DeployFiles.yaml("docker-compose.prod.yml");
    assertThat(DeployFiles.names(compose.path("secrets"))).containsExactlyInAnyOrder("api_auth_token",
        "grafana_password",
        "slack_webhook_url");
    compose.path("secrets").fields().forEachRemaining(secret -> assertThat(secret.getValue().path("file").asText())
        .as(secret.getKey()).isEqualTo("${SECRETS_DIR:-./secrets}/" + secret.getKey()));
    assertThat(DeployFiles.read(".gitignore")).contains("/secrets/");
    for (String service : List.of("claude-code", "prometheus", "alertmanager")) {
      assertThat(compose.path("services").path(service).path("read_only").asBoolean()).as(service).isTrue();
    }
  }

  @Test
  void productionSecretTargetsAreWhereTheConfigsReadThem() {
    JsonNode services = DeployFiles.yaml("docker-compose.prod.yml").path("services");
    assertThat(secretTarget(services.path("prometheus"), "api_auth_token"))
        .isEqualTo("/etc/prometheus/secrets/api_auth_token");
    String credentials = DeployFiles.yaml("deploy/prometheus/prometheus.yml").path("scrape_configs").get(0)
        .path("authorization").path("credentials_file").asText();
    assertThat("/etc/prometheus/" + credentials).isEqualTo("/etc/prometheus/secrets/api_auth_token");
    String slack = DeployFiles.yaml("deploy/alertmanager/alertmanager.yml").path("receivers").get(0)
        .path("slack_configs").get(0).path("api_url_file").asText();
    assertThat(secretTarget(services.path("alertmanager"), "slack_webhook_url")).isEqualTo(slack);
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.prod.yml", "deploy/swarm/docker-stack.yml"})
  void holdsNoSecretValues(String file) {
    JsonNode compose = DeployFiles.yaml(file);
    List<String> leaks = new ArrayList<>();
    compose.path("services").fields().forEachRemaining(service -> {
      JsonNode env = service.getValue().path("environment");
      for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> variable = it.next();
        String value = variable.getValue().asText();
        boolean secretName = SECRET_NAME.matcher(variable.getKey()).matches();
        boolean harmless = value.isEmpty() || EMPTY_DEFAULT_REFERENCE.matcher(value).matches()
            || value.startsWith("/run/secrets/") || value.equals("true") || value.equals("false");
        if (secretName && !harmless) {
          leaks.add(service.getKey() + "." + variable.getKey() + " = " + value);
        }
      }
    });
    compose.path("secrets").fields().forEachRemaining(
        secret -> assertThat(secret.getValue().has("content")).as("secret " + secret.getKey() + " inline").isFalse());
    assertThat(leaks).as("secret values in " + file).isEmpty();
    assertThat(DeployFiles.read(file)).doesNotContainPattern("AKIA[0-9A-Z]{16}").doesNotContain("PRIVATE KEY");
  }

  private static void assertLimits(JsonNode service, String cpus, String memory, String reservedCpus,
      String reservedMemory) {
    JsonNode resources = service.path("deploy").path("resources");
    assertThat(resources.path("limits").path("cpus").asText()).isEqualTo(cpus);
    assertThat(resources.path("limits").path("memory").asText()).isEqualTo(memory);
    assertThat(resources.path("reservations").path("cpus").asText()).isEqualTo(reservedCpus);
    assertThat(resources.path("reservations").path("memory").asText()).isEqualTo(reservedMemory);
  }

  private static String secretTarget(JsonNode service, String source) {
    for (JsonNode secret : service.path("secrets")) {
      if (secret.path("source").asText().equals(source)) {
        return secret.path("target").asText();
      }
    }
    throw new AssertionError("no secret " + source + " in " + service);
  }
}
