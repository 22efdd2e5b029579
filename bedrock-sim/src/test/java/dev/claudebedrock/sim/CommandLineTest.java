package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's flags and SIM_* environment variables. */
class CommandLineTest {
  @TempDir
  Path dir;

  @Test
  void listensOnAllInterfacesOnPort9100ByDefault() throws Exception {
    SimulatorConfig config = CommandLine.parse(new String[0], Map.of()).config();

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.controlApi()).isFalse();
    assertThat(config.accessKeyId()).isEqualTo(SimulatorConfig.DEFAULT_ACCESS_KEY_ID);
  }

  @Test
  void readsEveryFlagInBothSpellings() throws Exception {
    Path models = dir.resolve("models.json");
    Files.writeString(models, "{\"models\":[{\"id\":\"anthropic.claude-test-v1:0\"}]}");

    SimulatorConfig config = CommandLine
        .parse(new String[] {"--port", "9200", "--host=127.0.0.1", "--region", "eu-west-1",
            "--access-key-id", "AKIDX", "--secret-access-key", "s3cr3t", "--session-token", "tok", "--api-key", "",
            "--account-id", "210987654321", "--models", models.toString(), "--first-byte-ms", "25",
            "--tokens-per-second", "12.5", "--control-api", "--event-loops", "3", "--record-limit", "7"}, Map.of())
        .config();

    assertThat(config.port()).isEqualTo(9200);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.accessKeyId()).isEqualTo("AKIDX");
    assertThat(config.secretAccessKey()).isEqualTo("s3cr3t");
    assertThat(config.sessionToken()).isEqualTo("tok");
    assertThat(config.apiKey()).as("an empty key refuses bearer auth").isNull();
    assertThat(config.accountId()).isEqualTo("210987654321");
    assertThat(config.models()).extracting(m -> m.id()).containsExactly("anthropic.claude-test-v1:0");
    assertThat(config.timing().firstByte()).isEqualTo(Duration.ofMillis(25));
    assertThat(config.timing().tokensPerSecond()).isEqualTo(12.5);
    assertThat(config.controlApi()).isTrue();
    assertThat(config.eventLoops()).isEqualTo(3);
    assertThat(config.recordLimit()).isEqualTo(7);
  }

  @Test
  void readsTheEnvironmentAndLetsFlagsWin() throws Exception {
    SimulatorConfig config = CommandLine.parse(new String[] {"--port", "9300"},
        Map.of("SIM_PORT", "9400", "SIM_REGION", "us-west-2", "SIM_CONTROL_API", "true", "SIM_TOKENS_PER_SECOND", "30"))
        .config();

    assertThat(config.port()).isEqualTo(9300);
    assertThat(config.region()).isEqualTo("us-west-2");
    assertThat(config.controlApi()).isTrue();
    assertThat(config.timing().tokensPerSecond()).isEqualTo(30);
  }

  @Test
  void namesTheOffendingFlag() {
    assertUsageError(new String[] {"--port", "http"}, "--port expects an integer from 0 to 65535, got 'http'");
    assertUsageError(new String[] {"--verbose"}, "unknown option: --verbose");
    assertUsageError(new String[] {"--region"}, "--region needs a value");
    assertUsageError(new String[] {"--account-id", "12"}, "--account-id expects 12 digits");
    assertUsageError(new String[] {"--tokens-per-second", "-3"}, "--tokens-per-second expects a number >= 0");
    assertUsageError(new String[] {"--models", dir.resolve("missing.json").toString()}, "--models");
    assertUsageError(new String[] {"--control-api=maybe"}, "--control-api expects true or false");
  }

  @Test
  void recognisesHelp() throws Exception {
    assertThat(CommandLine.parse(new String[] {"--port", "1", "--help"}, Map.of()).help()).isTrue();
    assertThat(CommandLine.USAGE).contains("--port", "--control-api", "--models", "SIM_PORT");
  }

  private static void assertUsageError(String[] args, String message) {
    assertThatThrownBy(() -> CommandLine.parse(args, Map.of()))
        .isInstanceOf(CommandLine.UsageException.class)
        .hasMessageContaining(message);
  }
}
