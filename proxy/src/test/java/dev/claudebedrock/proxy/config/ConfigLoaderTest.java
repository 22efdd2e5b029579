package dev.claudebedrock.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String TOKEN = "a-client-token-long-enough";

  @Test
  void runsOnDefaultsWithJustAClientToken() {
    ProxyConfig config = load("", Map.of("API_AUTH_TOKEN", TOKEN));
    assertThat(config.server().port()).isEqualTo(3000);
    assertThat(config.server().maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(config.aws().region()).isEqualTo("us-east-1");
    assertThat(config.aws().endpoint().url()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
    assertThat(config.auth().keys()).extracting(ClientKey::name).containsExactly("api-auth-token");
    assertThat(config.streaming().pingInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void connectionsGetTimeoutsAndALimitFromTheOpenFileLimitByDefault() {
    ServerConfig server = load("", Map.of("API_AUTH_TOKEN", TOKEN)).server();
    assertThat(server.headerReadTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(75));
    assertThat(server.h2c()).isFalse();
    long files = ServerConfig.openFileLimit();
    assertThat(files).as("the test runs where the JVM can read ulimit -n").isPositive();
    assertThat(server.effectiveMaxConnections()).isEqualTo((int) (files * 0.8));
    ServerConfig configured = load("server: {max_connections: 5000}", Map.of("API_AUTH_TOKEN", TOKEN)).server();
    assertThat(configured.effectiveMaxConnections()).isEqualTo(5000);
  }

  @Test
  void choosesTheNativeTransportByDefaultAndNamesAnUnknownOne() {
    assertThat(load("", Map.of("API_AUTH_TOKEN", TOKEN)).server().transport()).isEqualTo(ServerConfig.Transport.AUTO);
    assertThat(load("server: {transport: nio}", Map.of("API_AUTH_TOKEN", TOKEN)).server().transport())
        .isEqualTo(ServerConfig.Transport.NIO);
    assertThat(load("", Map.of("API_AUTH_TOKEN", TOKEN, "BEDROCK_PROXY_SERVER_TRANSPORT", "NIO")).server().transport())
        .isEqualTo(ServerConfig.Transport.NIO);
    assertThatThrownBy(() -> load("", Map.of("API_AUTH_TOKEN", TOKEN, "BEDROCK_PROXY_SERVER_TRANSPORT", "off")))
        .hasMessage("Invalid configuration: server.transport = \"off\" (from environment variable "
            + "BEDROCK_PROXY_SERVER_TRANSPORT): expected one of [auto, nio]");
    assertThatThrownBy(() -> load("server: {transport: io_uring}", Map.of("API_AUTH_TOKEN", TOKEN)))
        .hasMessage("Invalid configuration: server.transport = \"io_uring\" (from test.yaml): expected one of "
            + "[auto, nio]");
  }

  @Test
  void capsAKeysRequestsInFlightAtHalfTheGatewayWithSeveralIdentitiesAndNotAtAllWithOne() {
    AdmissionConfig defaults = load("", Map.of("API_AUTH_TOKEN", TOKEN)).admission();
    assertThat(defaults.effectiveMaxInFlightPerKey(true)).isEqualTo(5_000);
    assertThat(defaults.effectiveMaxInFlightPerKey(false)).isEqualTo(Integer.MAX_VALUE);
    AdmissionConfig configured = load("", Map.of("API_AUTH_TOKEN", TOKEN,
        "BEDROCK_PROXY_ADMISSION_MAX_IN_FLIGHT_PER_KEY", "64")).admission();
    assertThat(configured.effectiveMaxInFlightPerKey(false)).isEqualTo(64);
    assertThatThrownBy(() -> load("admission: {max_in_flight_per_key: -1}", Map.of("API_AUTH_TOKEN", TOKEN)))
        .hasMessage("Invalid configuration: admission.max_in_flight_per_key = \"-1\" (from test.yaml): expected an "
            + "integer between 0 and 1000000");
  }

  @Test
  void refusesToStartWithoutAnyClientCredential() {
    assertThatThrownBy(() -> load("", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("API_AUTH_TOKEN")
        .hasMessageContaining("auth.allow_anonymous");
  }

  @Test
  void letsTheWellKnownVariablesOverrideTheFile() {
    ProxyConfig config = load("""
        server: {port: 4000}
        aws: {region: eu-west-1}
        """, Map.of("API_AUTH_TOKEN", TOKEN, "PORT", "5000", "AWS_REGION", "eu-central-1",
        "BEDROCK_ENDPOINT", "http://127.0.0.1:9100"));
    assertThat(config.server().port()).isEqualTo(5000);
    assertThat(config.aws().region()).isEqualTo("eu-central-1");
    assertThat(config.aws().endpoint().url()).isEqualTo("http://127.0.0.1:9100");
  }

  @Test
  void givesEveryKeyAGenericVariable() {
    ProxyConfig config = load("", Map.of("API_AUTH_TOKEN", TOKEN,
        "BEDROCK_PROXY_SERVER_MAX_BODY_MB", "8",
        "BEDROCK_PROXY_BEDROCK_POLICY_EXTRA_ALLOWED_BETAS", "new-beta-2027-01-01, other-2027-02-02",
        "BEDROCK_PROXY_MODELS_ALIASES", "fast=claude-haiku-4-5-20251001"));
    assertThat(config.server().maxBodyBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(config.bedrockPolicy().allowedBetas()).contains("new-beta-2027-01-01", "other-2027-02-02");
    assertThat(config.models().aliases()).containsEntry("fast", "claude-haiku-4-5-20251001");
  }

  @Test
  void readsSecretsFromFilesNamedByTheirFileVariable(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("token");
    Files.writeString(secret, TOKEN + "\n");
    ProxyConfig config = load("", Map.of("API_AUTH_TOKEN_FILE", secret.toString()));
    assertThat(config.auth().keys().get(0).sha256()).isEqualTo(ClientKey.sha256(TOKEN));
  }

  @Test
  void namesTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> load("server:\n  port: 70000\n", Map.of("API_AUTH_TOKEN", TOKEN)))
        .hasMessage(
            "Invalid configuration: server.port = \"70000\" (from test.yaml): expected an integer between 0 and 65535");
    assertThatThrownBy(() -> load("", Map.of("API_AUTH_TOKEN", TOKEN, "LOG_LEVEL", "loud")))
        .hasMessageContaining("logging.level = \"loud\" (from environment variable LOG_LEVEL)")
        .hasMessageContaining("one of [debug, error, info, trace, warn]");
  }

  @Test
  void rejectsUnknownKeysAndSuggestsTheNearestOne() {
    assertThatThrownBy(() -> load("server:\n  prot: 3000\n", Map.of("API_AUTH_TOKEN", TOKEN)))
        .hasMessageContaining("Unknown configuration key server.prot in test.yaml")
        .hasMessageContaining("Did you mean server.port?");
    assertThatThrownBy(() -> load("servr: {}\n", Map.of("API_AUTH_TOKEN", TOKEN)))
        .hasMessageContaining("Unknown configuration key servr");
  }

  @Test
  void neverEchoesASecretInAnError() {
    assertThatThrownBy(() -> load("", Map.of("API_AUTH_TOKEN", "short-secret")))
        .hasMessageContaining("<redacted>")
        .hasMessageNotContaining("short-secret");
  }

  @Test
  void readsNamedKeysAsHashes() {
    String hash = java.util.HexFormat.of().formatHex(ClientKey.sha256("alice-key"));
    ProxyConfig config = load("auth:\n  keys:\n    - {name: alice, sha256: " + hash + "}\n", Map.of());
    assertThat(config.auth().keys()).singleElement().satisfies(k -> {
      assertThat(k.name()).isEqualTo("alice");
      assertThat(k.sha256()).isEqualTo(ClientKey.sha256("alice-key"));
    });
    assertThatThrownBy(() -> load("auth:\n  keys:\n    - {name: bob, sha256: nothex}\n", Map.of()))
        .hasMessageContaining("auth.keys[0].sha256")
        .hasMessageContaining("64 hex digits");
  }

  @Test
  void extendsTheModelTableInShortAndLongForm() {
    ProxyConfig config = load("""
        models:
          map:
            team-sonnet: arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123
            claude-next: {bedrock_id: anthropic.claude-next-v1:0, display_name: Claude Next, created_at: 2027-01-15}
          aliases: {next: claude-next}
        """, Map.of("API_AUTH_TOKEN", TOKEN));
    assertThat(config.models().entries()).containsKeys("team-sonnet", "claude-next", "claude-opus-5-5");
    assertThat(config.models().entries().get("claude-next").displayName()).isEqualTo("Claude Next");
    assertThat(config.models().entries().get("team-sonnet").displayName()).isEqualTo("team-sonnet");
    assertThat(config.models().aliases()).containsEntry("next", "claude-next");
  }

  @Test
  void refusesAnAliasToNothing() {
    assertThatThrownBy(() -> load("models:\n  aliases: {x: claude-nonexistent}\n", Map.of("API_AUTH_TOKEN", TOKEN)))
        .hasMessageContaining("models.aliases")
        .hasMessageContaining("x: claude-nonexistent");
  }

  @Test
  void reportsBrokenYamlWithItsLine() {
    assertThatThrownBy(() -> load("server:\n  port: [\n", Map.of("API_AUTH_TOKEN", TOKEN)))
        .hasMessageContaining("is not valid YAML");
  }

  @Test
  void findsTheFileThroughBedrockConfigOrFailsClearly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, "server: {port: 3999}\n");
    Map<String, String> env = new HashMap<>(Map.of("API_AUTH_TOKEN", TOKEN, "BEDROCK_CONFIG", file.toString()));
    assertThat(ConfigLoader.load(Optional.empty(), new Environment(env)).server().port()).isEqualTo(3999);
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("missing.yaml")), new Environment(env)))
        .hasMessageContaining("does not exist")
        .hasMessageContaining("--config");
  }

  @Test
  void theCommentedExampleInTheRepositoryRunsOnDefaults() {
    Path example = Path.of("..", ".claude", "bedrock.config.yaml");
    ProxyConfig config = ConfigLoader.fromFile(example, new Environment(Map.of("API_AUTH_TOKEN", TOKEN)));
    assertThat(config).usingRecursiveComparison().ignoringFields("source")
        .isEqualTo(load("", Map.of("API_AUTH_TOKEN", TOKEN)));
  }

  private static ProxyConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.fromYaml(yaml, "test.yaml", new Environment(env));
  }
}
