package dev.claudebedrock.proxy.deploy;

import static dev.claudebedrock.proxy.deploy.DeployFiles.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/k8s: the manifests parse, and the Deployment has the probes, hardening, resources and secrets it promises. */
class KubernetesManifestsTest {
  private static final Map<String, JsonNode> BY_KIND = new HashMap<>();
  private static JsonNode pod;
  private static JsonNode container;

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.list(DeployFiles.file("deploy/k8s"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode document : DeployFiles.yamlDocuments(file)) {
          assertThat(document.path("kind").asText()).as(file + " kind").isNotEmpty();
          assertThat(BY_KIND.put(document.path("kind").asText(), document)).as("one " + document.path("kind")).isNull();
        }
      }
    }
    pod = BY_KIND.get("Deployment").path("spec").path("template").path("spec");
    container = pod.path("containers").get(0);
  }

  @Test
  void definesTheDeploymentAndWhatRunsAroundIt() {
    assertThat(BY_KIND).containsKeys("Namespace", "ServiceAccount", "ConfigMap", "Deployment", "Service",
        "PodDisruptionBudget", "HorizontalPodAutoscaler", "Kustomization");
    for (JsonNode manifest : BY_KIND.values()) {
      assertThat(manifest.path("apiVersion").asText()).as(manifest.path("kind").asText()).isNotEmpty();
    }
    List<String> listed = texts(BY_KIND.get("Kustomization").path("resources"));
    assertThat(listed).hasSize(BY_KIND.size() - 1)
        .allSatisfy(file -> assertThat(DeployFiles.file("deploy/k8s/" + file)).exists());
  }

  @Test
  void runsThreeReplicasThatRollWithoutLosingCapacity() {
    JsonNode spec = BY_KIND.get("Deployment").path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(3);
    assertThat(spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt()).isZero();
    JsonNode selector = spec.path("selector").path("matchLabels");
    assertThat(spec.path("template").path("metadata").path("labels").path("app.kubernetes.io/name"))
        .isEqualTo(selector.path("app.kubernetes.io/name"));
    assertThat(BY_KIND.get("Service").path("spec").path("selector")).isEqualTo(selector);
    assertThat(BY_KIND.get("PodDisruptionBudget").path("spec").path("selector").path("matchLabels"))
        .isEqualTo(selector);
    assertThat(BY_KIND.get("PodDisruptionBudget").path("spec").path("minAvailable").asInt()).isBetween(1, 2);
    JsonNode hpa = BY_KIND.get("HorizontalPodAutoscaler").path("spec");
    assertThat(hpa.path("scaleTargetRef").path("name").asText())
        .isEqualTo(BY_KIND.get("Deployment").path("metadata").path("name").asText());
    assertThat(hpa.path("minReplicas").asInt()).isEqualTo(3);
    assertThat(hpa.path("maxReplicas").asInt()).isGreaterThan(3);
    assertThat(hpa.path("metrics").findValuesAsText("name")).containsExactly("cpu", "gateway_active_streams");
  }

  @Test
  void probesLivenessAndReadinessOnTheirOwnEndpoints() {
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
    assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(3000);
  }

  @Test
  void runsAsUser1001OnAReadOnlyRootWithNoCapabilities() {
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(1001);
    assertThat(pod.path("securityContext").path("runAsGroup").asInt()).isEqualTo(1001);
    assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    JsonNode security = container.path("securityContext");
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(texts(security.path("capabilities").path("drop"))).containsExactly("ALL");
    assertThat(security.path("capabilities").has("add")).isFalse();
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).as("writable /tmp, mounted config")
        .contains("/tmp", "/app/.claude");
  }

  @Test
  void requestsOneCpuAndTwoGibibytesWithinLimitsOfTwoAndFour() {
    JsonNode resources = container.path("resources");
    assertThat(resources.path("requests").path("cpu").asText()).isEqualTo("1");
    assertThat(resources.path("requests").path("memory").asText()).isEqualTo("2Gi");
    assertThat(resources.path("limits").path("cpu").asText()).isEqualTo("2");
    assertThat(resources.path("limits").path("memory").asText()).isEqualTo("4Gi");
  }

  @Test
  void takesTheTokenAndAwsKeysFromASecretAndNeverInline() {
    Map<String, JsonNode> env = new HashMap<>();
    container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
    for (String name : List.of("API_AUTH_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "REDIS_URL",
        "DATABASE_URL", "ADMIN_API_TOKEN")) {
      JsonNode reference = env.get(name).path("valueFrom").path("secretKeyRef");
      assertThat(reference.path("name").asText()).as(name).isEqualTo("claude-code-secrets");
      assertThat(reference.path("key").asText()).as(name).isNotEmpty();
    }
    assertThat(env.get("API_AUTH_TOKEN").path("valueFrom").path("secretKeyRef").path("optional").asBoolean(false))
        .as("the gateway needs its token").isFalse();
    assertThat(env.get("AWS_ACCESS_KEY_ID").path("valueFrom").path("secretKeyRef").path("optional").asBoolean())
        .as("IRSA needs no keys").isTrue();
    env.values().forEach(variable -> assertThat(variable.has("value")).as(variable.path("name").asText()).isFalse());
    assertThat(DeployFiles.read("deploy/k8s/serviceaccount.yaml")).contains("eks.amazonaws.com/role-arn");
  }

  @Test
  void mountsAConfigurationTheGatewayAccepts() {
    JsonNode configMap = BY_KIND.get("ConfigMap");
    String configMapName = pod.path("volumes").findValue("configMap").path("name").asText();
    assertThat(configMapName).isEqualTo(configMap.path("metadata").path("name").asText());
    ProxyConfig config = ConfigLoader.fromYaml(configMap.path("data").path("bedrock.config.yaml").asText(),
        "configmap.yaml",
        new Environment(Map.of("API_AUTH_TOKEN", "k8s-test-token-0123456789", "REDIS_URL", "redis://redis:6379")));
    assertThat(config.auth().healthRequiresToken()).isTrue();
    assertThat(config.gateway().cache().backend()).as("answers shared by the replicas")
        .isEqualTo(dev.claudebedrock.proxy.config.CacheConfig.Backend.REDIS);
    assertThat(config.server().port()).isEqualTo(3000);
  }

  @Test
  void letsStreamsDrainBeforeTheKubeletKillsThePod() {
    ProxyConfig config = ConfigLoader.fromYaml(
        BY_KIND.get("ConfigMap").path("data").path("bedrock.config.yaml").asText(),
        "configmap.yaml",
        new Environment(Map.of("API_AUTH_TOKEN", "k8s-test-token-0123456789", "REDIS_URL", "redis://redis:6379")));
    List<String> preStop = texts(container.path("lifecycle").path("preStop").path("exec").path("command"));
    assertThat(preStop).first().isEqualTo("sleep");
    int preStopSeconds = Integer.parseInt(preStop.get(1));
    assertThat(pod.path("terminationGracePeriodSeconds").asInt())
        .isGreaterThan(preStopSeconds + (int) config.server().shutdownGrace().toSeconds());
  }
}
