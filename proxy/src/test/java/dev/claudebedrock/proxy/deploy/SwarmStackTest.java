package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Swarm stack's promises, read from its files: replicas found by DNS behind the stack's own nginx, shared state,
 * hardening, zero-drop updates. scripts/swarm-test.sh deploys it on a real single-node swarm.
 */
class SwarmStackTest {
  private static final String STACK = "deploy/swarm/docker-stack.yml";

  private static JsonNode services() {
    return DeployFiles.yaml(STACK).path("services");
  }

  @Test
  void runsThreeGatewayReplicasBehindNginxWithRedisPostgresAndPrometheus() {
    assertThat(DeployFiles.names(services())).containsExactlyInAnyOrder("claude-code", "nginx", "redis", "postgres",
        "prometheus");
    assertThat(services().path("claude-code").path("deploy").path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void needsNoServiceVipsNorRoutingMeshWhichRequireIpvs() {
    List<String> withVips = new ArrayList<>();
    services().fields().forEachRemaining(service -> {
      if (!service.getValue().path("deploy").path("endpoint_mode").asText().equals("dnsrr")) {
        withVips.add(service.getKey());
      }
    });
    assertThat(withVips).as("services without endpoint_mode: dnsrr").isEmpty();
    JsonNode ports = services().path("nginx").path("ports");
    assertThat(ports.size()).isEqualTo(1);
    assertThat(ports.get(0).path("mode").asText()).isEqualTo("host");
    assertThat(ports.get(0).path("target").asInt()).isEqualTo(443);
    services().fields().forEachRemaining(service -> assertThat(service.getValue().has("ports"))
        .as(service.getKey() + " publishes no port").isEqualTo(service.getKey().equals("nginx")));
  }

  @Test
  void nginxResolvesTheReplicasAtRequestTimeAndRetriesOnlyRequestsNotYetSent() {
    String nginx = DeployFiles.read("deploy/swarm/nginx.conf");
    assertThat(nginx).contains("resolver 127.0.0.11 valid=1s").contains("set $gateway tasks.claude-code;")
        .contains("proxy_pass http://$gateway:3000;").contains("proxy_next_upstream error timeout;")
        .doesNotContain("non_idempotent").doesNotContain("upstream claude_code")
        .contains("proxy_buffering off;").contains("proxy_request_buffering off;");
    JsonNode configs = DeployFiles.yaml(STACK).path("configs");
    assertThat(configs.path("nginx_conf").path("file").asText()).isEqualTo("./nginx.conf");
    assertThat(DeployFiles.file("deploy/swarm/" + configs.path("prometheus_alerts").path("file").asText()))
        .exists();
  }

  @Test
  void prometheusScrapesEveryReplicaFoundThroughSwarmDns() {
    JsonNode job = DeployFiles.yaml("deploy/swarm/prometheus.yml").path("scrape_configs").get(0);
    assertThat(job.path("job_name").asText()).isEqualTo("claude-code");
    assertThat(DeployFiles.texts(job.path("dns_sd_configs").get(0).path("names")))
        .containsExactly("tasks.claude-code");
    assertThat(job.path("dns_sd_configs").get(0).path("port").asInt()).isEqualTo(3000);
    assertThat("/etc/prometheus/" + job.path("authorization").path("credentials_file").asText())
        .isEqualTo(secretTarget(services().path("prometheus"), "api_auth_token"));
  }

  @Test
  void sharesStateThroughRedisAndPostgresOnVolumesWithHealthChecks() {
    JsonNode gateway = services().path("claude-code").path("environment");
    assertThat(gateway.path("BEDROCK_PROXY_CACHE_BACKEND").asText()).isEqualTo("redis");
    assertThat(gateway.path("REDIS_URL_FILE").asText()).isEqualTo("/run/secrets/redis_url");
    assertThat(gateway.path("DATABASE_URL_FILE").asText()).isEqualTo("/run/secrets/database_url");
    assertThat(DeployFiles.texts(services().path("redis").path("volumes"))).containsExactly("redis-data:/data");
    assertThat(DeployFiles.texts(services().path("postgres").path("volumes")))
        .contains("postgres-data:/var/lib/postgresql/data");
    assertThat(services().path("postgres").path("environment").path("POSTGRES_PASSWORD_FILE").asText())
        .isEqualTo("/run/secrets/postgres_password");
    assertThat(DeployFiles.texts(services().path("redis").path("command"))).contains("--aclfile");
  }

  @Test
  void everyServiceIsReadOnlyLimitedHealthCheckedAndLogsRotated() {
    services().fields().forEachRemaining(entry -> {
      String name = entry.getKey();
      JsonNode service = entry.getValue();
      assertThat(service.path("read_only").asBoolean()).as(name + " read_only").isTrue();
      assertThat(service.path("deploy").path("resources").path("limits").path("cpus").asText()).as(name).isNotEmpty();
      assertThat(service.path("deploy").path("resources").path("limits").path("memory").asText()).as(name)
          .isNotEmpty();
      assertThat(service.path("healthcheck").path("test").isArray()).as(name + " healthcheck").isTrue();
      assertThat(service.path("logging").path("options").path("max-size").asText()).as(name).isEqualTo("50m");
    });
    assertThat(DeployFiles.texts(services().path("claude-code").path("cap_drop"))).containsExactly("ALL");
  }

  @Test
  void secretsAreExternalDockerSecretsReadAsFiles() {
    JsonNode stack = DeployFiles.yaml(STACK);
    stack.path("secrets").fields().forEachRemaining(
        secret -> assertThat(secret.getValue().path("external").asBoolean()).as(secret.getKey()).isTrue());
    JsonNode env = stack.path("services").path("claude-code").path("environment");
    List<String> secretNames = DeployFiles.texts(stack.path("services").path("claude-code").path("secrets"));
    for (String variable : List.of("API_AUTH_TOKEN_FILE", "AWS_ACCESS_KEY_ID_FILE", "AWS_SECRET_ACCESS_KEY_FILE",
        "ADMIN_API_TOKEN_FILE", "DATABASE_URL_FILE", "REDIS_URL_FILE")) {
      String path = env.path(variable).asText();
      assertThat(path).as(variable).startsWith("/run/secrets/");
      assertThat(secretNames).as(variable).contains(path.substring("/run/secrets/".length()));
    }
  }

  @Test
  void updatesStartTheNewReplicaFirstAndLetStreamsFinishBeforeSigkill() {
    JsonNode gateway = services().path("claude-code");
    assertThat(gateway.path("deploy").path("update_config").path("order").asText()).isEqualTo("start-first");
    assertThat(gateway.path("deploy").path("update_config").path("parallelism").asInt()).isEqualTo(1);
    Duration grace = Duration.ofSeconds(
        gateway.path("environment").path("BEDROCK_PROXY_SERVER_SHUTDOWN_GRACE_SECONDS").asLong());
    Duration stop = Duration.ofSeconds(Long.parseLong(gateway.path("stop_grace_period").asText().replace("s", "")));
    assertThat(grace).isEqualTo(Duration.ofSeconds(30));
    assertThat(stop).as("stop_grace_period leaves the drain a margin before SIGKILL")
        .isGreaterThanOrEqualTo(grace.plusSeconds(5));
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
