package dev.claudebedrock.bench.profile;

import dev.claudebedrock.bench.load.Api;
import dev.claudebedrock.bench.load.FixedCount;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.RequestBodies;
import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.run.Gateway;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcFs;
import dev.claudebedrock.bench.run.Simulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Profiles the gateway in one scenario: a simulator answering at once and the gateway in front of it (production
 * JVM flags, default configuration), a warm-up until the JIT compilers have settled, then the same number of requests twice: once unobserved, for the
 * CPU time the process spent per request ({@code /proc/<pid>/stat} before and after), once under a flight recording
 * started and stopped with {@code jcmd}, for the bytes allocated per request and where CPU and allocations went.
 */
public final class Profiler {
  /** The model clients name. */
  static final String MODEL = "claude-sonnet-5-5";
  /** Frames deep enough for Vert.x and Netty under the project's stages (JFR's default is 64). */
  static final String STACK_DEPTH_FLAG = "-XX:FlightRecorderOptions:stackdepth=256";
  private static final String SETTINGS = "profile.jfc";
  private static final long JCMD_TIMEOUT_SECONDS = 60;
  private static final double SETTLED_COMPILER_SHARE = 0.03;
  private static final int MAX_WARMUP_ROUNDS = 8;

  private final Launcher launcher;
  private final Path jcmd;
  private final Path out;

  /** A profiler starting its processes with {@code launcher} and writing recordings into {@code out}. */
  public Profiler(Launcher launcher, Path out) {
    this.launcher = launcher;
    this.jcmd = launcher.tools().java().resolveSibling("jcmd");
    this.out = out;
  }

  /** Runs one scenario: {@code requests} requests for the warm-up and for each window, {@code concurrency} at once. */
  public ProfileResult run(Scenario scenario, int requests, int concurrency) throws InterruptedException {
    Simulator simulator = launcher.simulator(0);
    Gateway gateway = launcher.gateway(simulator.baseUrl(),
        GatewayOptions.production().withJvmFlags(List.of(STACK_DEPTH_FLAG)));
    try (LoadClient client = LoadClient.open(concurrency)) {
      Target target = Target.anthropic("gateway", gateway.baseUrl(), MODEL, Launcher.GATEWAY_TOKEN, false);
      long pid = gateway.process().pid();
      int warmupRounds = warmUp(client, target, scenario, requests, concurrency, pid);

      double cpuBefore = ProcFs.cpuSeconds(pid);
      Map<String, Double> threadsBefore = ProcFs.threadCpuSeconds(pid);
      LoadResult plain = drive(client, target, scenario, requests, concurrency, "unprofiled window");
      double cpuSeconds = ProcFs.cpuSeconds(pid) - cpuBefore;
      Map<String, Double> byThread = new HashMap<>(ProcFs.threadCpuSeconds(pid));
      threadsBefore.forEach((name, seconds) -> byThread.merge(name, -seconds, Double::sum));

      Path recording = out.resolve(scenario.label() + ".jfr");
      jcmd(pid, "JFR.start", "name=profile", "settings=" + settingsFile());
      double profiledBefore = ProcFs.cpuSeconds(pid);
      drive(client, target, scenario, requests, concurrency, "profiled window");
      double profiledCpuSeconds = ProcFs.cpuSeconds(pid) - profiledBefore;
      jcmd(pid, "JFR.stop", "name=profile", "filename=" + recording);

      JfrSummary summary = JfrSummary.read(recording);
      writeFolded(out.resolve(scenario.label() + "-cpu.folded"), summary.cpuFolded());
      writeFolded(out.resolve(scenario.label() + "-alloc.folded"), summary.allocFolded());
      int bodyBytes = RequestBodies.payload(Api.ANTHROPIC, MODEL, scenario.workload()).body().length;
      return new ProfileResult(scenario, requests, concurrency, warmupRounds, bodyBytes, cpuSeconds, byThread,
          plain.completedPerSecond(), profiledCpuSeconds, summary, recording);
    } finally {
      launcher.stop(gateway.process());
      launcher.stop(simulator.process());
    }
  }

  /**
   * Sends rounds of {@code requests} until the JIT compilers used less than {@link #SETTLED_COMPILER_SHARE} of the
   * gateway's CPU in a round (at most {@link #MAX_WARMUP_ROUNDS}): compilation still under way would be counted as
   * the requests' cost. Returns the rounds sent.
   */
  private static int warmUp(LoadClient client, Target target, Scenario scenario, int requests, int concurrency,
      long pid) throws InterruptedException {
    for (int round = 1;; round++) {
      Map<String, Double> before = ProcFs.threadCpuSeconds(pid);
      drive(client, target, scenario, requests, concurrency, "warm-up");
      Map<String, Double> after = ProcFs.threadCpuSeconds(pid);
      double total = 0;
      double compiler = 0;
      for (var entry : after.entrySet()) {
        double used = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
        total += used;
        compiler += entry.getKey().contains("CompilerThre") ? used : 0;
      }
      if (compiler < SETTLED_COMPILER_SHARE * total || round == MAX_WARMUP_ROUNDS) {
        return round;
      }
    }
  }

  private static LoadResult drive(LoadClient client, Target target, Scenario scenario, int requests, int concurrency,
      String window) throws InterruptedException {
    LoadResult result = FixedCount.run(client, target, new Recording(scenario.workload(), 0), requests, concurrency);
    if (result.errors() > 0 || result.completed() != requests) {
      throw new IllegalStateException(scenario.label() + ", " + window + ": " + result.completed() + " of " + requests
          + " completed, " + result.errors() + " failed: " + result.errorSamples());
    }
    return result;
  }

  private Path settingsFile() {
    Path file = out.resolve(SETTINGS);
    try (InputStream in = Profiler.class.getResourceAsStream(SETTINGS)) {
      if (in == null) {
        throw new IllegalStateException(SETTINGS + " is missing from the bench jar");
      }
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private void jcmd(long pid, String... command) throws InterruptedException {
    List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + jcmd, e);
    }
  }

  private static void writeFolded(Path file, Map<String, Long> stacks) {
    StringBuilder text = new StringBuilder();
    stacks.forEach((stack, count) -> text.append(stack).append(' ').append(count).append('\n'));
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
