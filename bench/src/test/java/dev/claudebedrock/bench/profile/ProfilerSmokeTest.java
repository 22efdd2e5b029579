package dev.claudebedrock.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcessGroup;
import dev.claudebedrock.bench.run.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile of the Claude Code-sized request against the real gateway and simulator, a few hundred requests: it
 * finds the gateway's CPU time and allocations, attributes samples to the project's stages, and writes the recording
 * and folded stacks. No figure is compared with a bound beyond what must hold for any gateway: a request that reads
 * a 49 KB body allocates at least that many bytes.
 */
class ProfilerSmokeTest {
  @TempDir
  Path work;

  @Test
  void profilesTheClaudeCodeRequestAndAttributesItsCostToTheGatewaysCode() throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    ProfileResult result;
    try (ProcessGroup group = new ProcessGroup()) {
      result = new Profiler(new Launcher(TestRepository.tools(), work, group), out)
          .run(Scenario.CLAUDE_CODE, 300, 4);
    }

    assertThat(result.cpuMicrosPerRequest()).isPositive();
    assertThat(result.bytesPerRequest()).isGreaterThan(result.bodyBytes());
    assertThat(result.jfr().allocatedByThread().keySet()).anyMatch(name -> name.startsWith("vert.x-eventloop"));
    assertThat(result.jfr().cpuSamples()).isPositive();
    assertThat(result.jfr().cpuByProjectMethod().keySet()).anyMatch(m -> m.contains("ParseMessages"));
    assertThat(result.jfr().allocByProjectMethod().keySet()).anyMatch(m -> m.contains("ReadBody"));
    assertThat(out.resolve("claude-code.jfr")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("claude-code-cpu.folded"))).contains("dev.claudebedrock.proxy");

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    result.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 5);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("CPU per request", "allocated per request",
        "CPU samples by the project method nearest the running one", "allocation by site");
  }

  @Test
  void profilesAnOpenLoopRateAfterAFixedWarmUpAndPrintsTheLatencyAndTheJitsPartPerRound() throws Exception {
    Path out = Files.createDirectories(work.resolve("open-loop"));
    ProfileResult result;
    try (ProcessGroup group = new ProcessGroup()) {
      result = new Profiler(new Launcher(TestRepository.tools(), work, group), out)
          .run(Scenario.SMALL, 200, 4, 100, 1);
    }

    assertThat(result.warmupRounds()).hasSize(1);
    assertThat(result.warmupRounds().getFirst().compilerMicros()).isPositive()
        .isLessThan(result.warmupRounds().getFirst().cpuMicros());
    assertThat(result.latency().count()).isEqualTo(200);
    assertThat(result.cpuMicrosPerRequest()).isPositive();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    result.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 5);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("open loop at 100/s", "warm-up round 1:",
        "latency, ms", "% of one core");
  }

  @Test
  void profilesPacedStreamsAndPrintsTheCostPerEvent() throws Exception {
    Path out = Files.createDirectories(work.resolve("paced"));
    ProfileResult result;
    try (ProcessGroup group = new ProcessGroup()) {
      result = new Profiler(new Launcher(TestRepository.tools(), work, group), out)
          .run(Scenario.STREAM, 200, 8, 0, 1, Profiler.PACED_TOKENS_PER_SECOND);
    }

    // 50 deltas at 500 tokens/s take 0.1 s end to end: the simulator paced them (unpaced, a stream takes a few ms).
    assertThat(result.latency().p50()).isGreaterThanOrEqualTo(90.0);
    assertThat(result.eventsPerRequest()).isEqualTo(55);
    assertThat(result.jfr().cpuByProjectMethod().keySet()).anyMatch(m -> m.contains("SseResponse"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    result.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 5);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("paced at 500 tokens/s", "CPU per event");
  }
}
