package dev.claudebedrock.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.bench.load.Api;
import dev.claudebedrock.bench.load.BodyKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadCommandTest {
  @Test
  void readsAnOpenLoopAgainstAGateway() {
    LoadSettings settings = LoadCommand.parse(new String[] {"--url", "https://gateway.example:8443/claude",
        "--api-key", "k".repeat(20), "--body", "claude-code", "--stream", "--rate=250", "--duration", "2.5"});
    assertThat(settings.target().api()).isEqualTo(Api.ANTHROPIC);
    assertThat(settings.target().headers()).containsEntry("x-api-key", "k".repeat(20));
    assertThat(settings.target().requestUri(true)).isEqualTo("/claude/v1/messages");
    assertThat(settings.target().port()).isEqualTo(8443);
    assertThat(settings.workload().body()).isEqualTo(BodyKind.CLAUDE_CODE);
    assertThat(settings.workload().stream()).isTrue();
    assertThat(settings.openLoop()).hasValueSatisfying(plan -> {
      assertThat(plan.ratePerSecond()).isEqualTo(250);
      assertThat(plan.measure()).isEqualTo(Duration.ofMillis(2500));
    });
  }

  @Test
  void readsAClosedLoopAgainstBedrock() {
    LoadSettings settings = LoadCommand.parse(new String[] {"--url", "http://127.0.0.1:9100", "--api", "bedrock",
        "--model", "us.anthropic.claude-sonnet-5-5", "--token", "sim-bedrock-api-key", "--mode", "closed",
        "--concurrency", "8", "--connections", "4"});
    assertThat(settings.target().requestUri(false)).isEqualTo("/model/us.anthropic.claude-sonnet-5-5/invoke");
    assertThat(settings.target().headers()).containsEntry("authorization", "Bearer sim-bedrock-api-key");
    assertThat(settings.closedLoop()).hasValueSatisfying(plan -> assertThat(plan.concurrency()).isEqualTo(8));
    assertThat(settings.connections()).isEqualTo(4);
  }

  @Test
  void readsAnOpenAiTarget() {
    LoadSettings settings = LoadCommand.parse(new String[] {"--url", "http://127.0.0.1:3000", "--api", "openai",
        "--token", "gateway-token", "--stream"});
    assertThat(settings.target().api()).isEqualTo(Api.OPENAI);
    assertThat(settings.target().requestUri(true)).isEqualTo("/v1/chat/completions");
    assertThat(settings.target().headers()).containsEntry("authorization", "Bearer gateway-token");
  }

  @Test
  void namesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "http://h", "--token", "t", "--rate", "fast"}))
        .isInstanceOf(UsageException.class).hasMessage("--rate fast: not a number");
    assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "http://h", "--token", "t", "--rate", "0"}))
        .isInstanceOf(UsageException.class).hasMessage("--rate 0: expected 0.1 to 100000");
    assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "http://h", "--token", "t", "--body", "big"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("--body big: expected one of small, claude-code, 5kb, 500kb, 2mb");
    assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "ftp://h", "--token", "t"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--url ftp://h");
    assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "http://h", "--token", "t", "--colour", "red"}))
        .isInstanceOf(UsageException.class).hasMessage("unknown option --colour");
    assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "http://h"}))
        .isInstanceOf(UsageException.class).hasMessage("give exactly one of --token and --api-key");
    assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "http://h", "--token", "t", "--concurrency",
        "2.5", "--mode", "closed"}))
        .isInstanceOf(UsageException.class).hasMessage("--concurrency 2.5: expected a whole number");
  }
}
