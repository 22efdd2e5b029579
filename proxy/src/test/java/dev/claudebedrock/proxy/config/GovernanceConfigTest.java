package dev.claudebedrock.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The governance sections: defaults, what turns storage on, and refusals that name the key. */
class GovernanceConfigTest {
  private static final Map<String, String> ENV = Map.of("API_AUTH_TOKEN", "a-client-token-long-enough");

  @Test
  void storesNothingUntilSomethingNeedsIt() {
    ProxyConfig config = load("", Map.of());
    assertThat(config.governance().storageNeeded(config.auth().keys())).isFalse();
    assertThat(config.governance().adminEnabled()).isFalse();
    assertThat(config.governance().refreshMs()).isEqualTo(250);
    assertThat(config.governance().ledgerBatchSize()).isEqualTo(500);
    assertThat(config.governance().ledgerFlushMs()).isEqualTo(1000);
    assertThat(config.governance().retentionDays()).isEqualTo(90);
    assertThat(config.governance().effectiveDatabaseUrl()).isEqualTo("sqlite:data/gateway.db");

    assertThat(needsStorage("", Map.of("ADMIN_API_TOKEN", "an-admin-token-long-enough"))).isTrue();
    assertThat(needsStorage("", Map.of("DATABASE_URL", "postgres://u:p@db:5432/gateway"))).isTrue();
    assertThat(needsStorage("auth:\n  api_auth_token_policy: {budget: {usd: 5, period: day}}\n", Map.of())).isTrue();
    assertThat(needsStorage("governance:\n  organization: {limits: {max_concurrent: 4}}\n", Map.of())).isTrue();
    assertThat(needsStorage("auth:\n  api_auth_token_policy: {models: [haiku]}\n", Map.of())).isFalse();
  }

  @Test
  void aGatewayWithOnlyAnAdminTokenStarts() {
    Map<String, String> env = Map.of("ADMIN_API_TOKEN", "an-admin-token-long-enough");
    assertThat(ConfigLoader.fromYaml("", "test", new Environment(env)).auth().keys()).isEmpty();
    assertThatThrownBy(() -> ConfigLoader.fromYaml("", "test", new Environment(Map.of())))
        .hasMessageContaining("No client credential").hasMessageContaining("ADMIN_API_TOKEN");
  }

  @Test
  void refusesBadValuesNamingTheKeyWithoutEchoingSecrets() {
    assertThatThrownBy(() -> load("", Map.of("ADMIN_API_TOKEN", "short")))
        .hasMessageContaining("admin.token").hasMessageContaining("16 characters").hasMessageNotContaining("short");
    assertThatThrownBy(() -> load("", Map.of("DATABASE_URL", "mysql://u:secretpw@h/db")))
        .hasMessageContaining("database.url").hasMessageNotContaining("secretpw");
    assertThatThrownBy(() -> load("governance:\n  organization: {budget: {usd: -1, period: day}}\n", Map.of()))
        .hasMessageContaining("governance.organization.budget").hasMessageContaining("budget.usd");
    assertThatThrownBy(() -> load("governance:\n  teams: [{name: a}, {name: a}]\n", Map.of()))
        .hasMessageContaining("governance.teams[1].name");
    assertThatThrownBy(
        () -> load("auth:\n  keys: [{name: k, sha256: " + "ab".repeat(32) + ", team: ghost}]\n", Map.of()))
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> load("governance:\n  alert_webhook: ftp://example.com/x\n", Map.of()))
        .hasMessageContaining("governance.alert_webhook");
    assertThatThrownBy(() -> load("pricing:\n  models:\n    sonnet: {input: 3}\n", Map.of()))
        .hasMessageContaining("pricing.models.sonnet").hasMessageContaining("input and output prices are required");
  }

  @Test
  void readsPriceOverridesWithTheirDatesAndDerivedCachePrices() {
    PricingConfig pricing = load("""
        pricing:
          models:
            claude-sonnet-4-5-20250929:
              - {from: 2027-01-01, input: 2, output: 10}
            claude-opus-5-5: {input: 4, output: 20, cache_write_1h: 9}
        """, Map.of()).pricing();
    ModelPrice sonnet = pricing.models().get("claude-sonnet-4-5-20250929").get(0);
    assertThat(sonnet.from()).isEqualTo(LocalDate.parse("2027-01-01"));
    assertThat(sonnet.cacheWrite5m()).isEqualTo(2.5);
    assertThat(sonnet.cacheRead()).isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(sonnet.geoPremiumPercent()).isEqualTo(10);
    assertThat(pricing.models().get("claude-opus-5-5").get(0).cacheWrite1h()).isEqualTo(9);
  }

  private static boolean needsStorage(String yaml, Map<String, String> env) {
    ProxyConfig config = load(yaml, env);
    return config.governance().storageNeeded(config.auth().keys());
  }

  private static ProxyConfig load(String yaml, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(ENV);
    env.putAll(extra);
    return ConfigLoader.fromYaml(yaml, "test", new Environment(env));
  }
}
