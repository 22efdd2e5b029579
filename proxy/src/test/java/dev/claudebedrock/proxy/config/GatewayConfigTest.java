package dev.claudebedrock.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
  private static final Map<String, String> ENV = Map.of("API_AUTH_TOKEN", "a-client-token-long-enough");

  @Test
  void hasOnlyTheDefaultTargetAndNoRoutesWithoutConfiguration() {
    GatewayConfig gateway = load("");
    assertThat(gateway.targets()).containsOnlyKeys("default");
    assertThat(gateway.routes()).isEmpty();
    assertThat(gateway.retry().maxAttempts()).isEqualTo(3);
    assertThat(gateway.cache().mode()).isEqualTo(CacheConfig.Mode.DETERMINISTIC);
    assertThat(gateway.cache().backend()).isEqualTo(CacheConfig.Backend.MEMORY);
    assertThat(gateway.circuitBreaker().enabledFor(1)).isFalse();
    assertThat(gateway.circuitBreaker().enabledFor(2)).isTrue();
  }

  @Test
  void readsTargetsRoutesAndRules() {
    GatewayConfig gateway = load(
        """
            targets:
              eu_west: {region: eu-west-1, role_arn: "arn:aws:iam::123456789012:role/bedrock-caller", external_id: x}
            routes:
              opus: {models: [claude-opus-5-5], strategy: weighted, targets: [{target: default, weight: 3}, {target: eu_west}]}
              rest: {models: ["*"], targets: [{target: eu_west, model: eu.anthropic.claude-haiku-4-5-20251001-v1:0}]}
            routing:
              rules: [{route: rest, when: {request_class: [background], thinking: "false"}}]
            """);
    assertThat(gateway.targets().get("eu_west").endpoint().url())
        .isEqualTo("https://bedrock-runtime.eu-west-1.amazonaws.com");
    assertThat(gateway.routeFor("claude-opus-5-5").name()).isEqualTo("opus");
    assertThat(gateway.routeFor("anything-else").name()).isEqualTo("rest");
    assertThat(gateway.routing().rules().get(0).thinking()).isFalse();
    assertThat(gateway.routing().rules().get(0).name()).isEqualTo("rest");
  }

  @Test
  void refusesRoutesToUnknownTargetsAndRulesToUnknownRoutes() {
    assertThatThrownBy(() -> load("routes:\n  r: {targets: [{target: mars}]}\n"))
        .hasMessageContaining("routes.r.targets[0].target = \"mars\"").hasMessageContaining("[default]");
    assertThatThrownBy(() -> load("routing:\n  rules: [{route: nowhere}]\n"))
        .hasMessageContaining("routing.rules[0].route = \"nowhere\"");
  }

  @Test
  void refusesAModelNamedByTwoRoutes() {
    assertThatThrownBy(() -> load("routes:\n  a: {models: [m], targets: [{target: default}]}\n"
        + "  b: {models: [m], targets: [{target: default}]}\n"))
        .hasMessageContaining("a model named by one route only (also in a)");
  }

  @Test
  void refusesBadTargetNamesAndRoles() {
    assertThatThrownBy(() -> load("targets:\n  Default: {}\n")).hasMessageContaining("target name \"Default\"");
    assertThatThrownBy(() -> load("targets:\n  t: {role_arn: not-a-role}\n"))
        .hasMessageContaining("targets.t.role_arn");
  }

  @Test
  void needsARedisUrlForTheRedisBackendAndNeverEchoesIt() {
    assertThatThrownBy(() -> load("cache: {backend: redis}\n")).hasMessageContaining("cache.redis_url");
    assertThatThrownBy(() -> load("cache: {backend: redis, redis_url: \"http://user:secret@host\"}\n"))
        .hasMessageContaining("<redacted>").hasMessageNotContaining("secret@host");
  }

  @Test
  void takesAWholeSectionFromTheEnvironment() {
    GatewayConfig gateway = ConfigLoader.fromYaml("", "test", new Environment(Map.of(
        "API_AUTH_TOKEN", "a-client-token-long-enough",
        "BEDROCK_PROXY_TARGETS", "{eu: {region: eu-west-1}}",
        "BEDROCK_PROXY_ROUTES", "{all: {models: ['*'], targets: [{target: default}, {target: eu}]}}"))).gateway();
    assertThat(gateway.targets()).containsKeys("default", "eu");
    assertThat(gateway.routeFor("x").targets()).hasSize(2);
  }

  private static GatewayConfig load(String yaml) {
    return ConfigLoader.fromYaml(yaml, "test", new Environment(ENV)).gateway();
  }
}
