package dev.claudebedrock.bench.profile;

import dev.claudebedrock.bench.load.Api;
import dev.claudebedrock.bench.load.FixedCount;
import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.OpenLoop;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.RequestBodies;
import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.run.Gateway;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcFs;
import dev.claudebedrock.bench.run.Simulator;
import dev.claudebedrock.bench.suite.StreamRatesScenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  private static final Duration DRAIN = Duration.ofSeconds(60);
  /** Connections per load-generator event loop in open loop: as many as the requests a stall can pile up. */
  private static final int OPEN_LOOP_CONNECTIONS = 512;

  /** How requests are sent: {@code concurrency} at once, or open-loop at {@code rate} per second when above 0. */
  private record Pace(int concurrency, double rate) {}

  /** The simulator's pacing of a paced profile: the benchmark's streams at rising rates (a 50-token stream, 0.1 s). */
  public static final double PACED_TOKENS_PER_SECOND = StreamRatesScenario.TOKENS_PER_SECOND;

  private final Launcher launcher;
  private final Path jcmd;
  private final Path out;
  private final Map<String, String> gatewayEnv;

  /** A profiler starting its processes with {@code launcher} and writing recordings into {@code out}. */
  public Profiler(Launcher launcher, Path out) {
    this(launcher, out, Map.of());
  }

  /** The same, the gateway started with more environment (a configuration key to compare, such as its transport). */
  public Profiler(Launcher launcher, Path out, Map<String, String> gatewayEnv) {
    this.launcher = launcher;
    this.gatewayEnv = Map.copyOf(gatewayEnv);
    this.jcmd = launcher.tools().java().resolveSibling("jcmd");
    this.out = out;
  }

  /** Runs one scenario: {@code requests} requests for the warm-up and for each window, {@code concurrency} at once. */
  public ProfileResult run(Scenario scenario, int requests, int concurrency) throws InterruptedException {
    return run(scenario, requests, concurrency, 0, -1);
  }

  /**
   * Runs one scenario as {@link #run(Scenario, int, int)} does, or, with {@code rate} above 0, with every round and
   * window sent open-loop at {@code rate} requests per second (a constant rate whatever the answers, as the
   * benchmark's latency legs do) instead of {@code concurrency} at once; {@code warmupRounds} of -1 warms up until
   * the JIT settles, 0 or more sends exactly that many rounds first (0: a cold gateway, to see what compilation
   * costs under load).
   */
  public ProfileResult run(Scenario scenario, int requests, int concurrency, double rate, int warmupRounds)
      throws InterruptedException {
    return run(scenario, requests, concurrency, rate, warmupRounds, 0);
  }

  /**
   * The same against a simulator that paces its output at {@code tokensPerSecond} (0: at once), as the benchmark's
   * streams are: each text delta then arrives in a read of its own and leaves in a write of its own, so a paced
   * stream's profile shows the cost per event the benchmark measures (a wake-up of the event loop, a read and a
   * write per event), where an unpaced one reads several events at once.
   */
  public ProfileResult run(Scenario scenario, int requests, int concurrency, double rate, int warmupRounds,
      double tokensPerSecond) throws InterruptedException {
    Pace pace = new Pace(concurrency, rate);
    Simulator simulator = launcher.simulator(tokensPerSecond);
    Gateway gateway = launcher.gateway(simulator.baseUrl(),
        GatewayOptions.production().withJvmFlags(List.of(STACK_DEPTH_FLAG)), gatewayEnv);
    try (LoadClient client = LoadClient.open(rate > 0 ? OPEN_LOOP_CONNECTIONS : concurrency)) {
      Target target = Target.anthropic("gateway", gateway.baseUrl(), MODEL, Launcher.GATEWAY_TOKEN, false);
      long pid = gateway.process().pid();
      List<WarmupRound> rounds = warmUp(client, target, scenario, requests, pace, pid, warmupRounds);

      double cpuBefore = ProcFs.cpuSeconds(pid);
      Map<String, Double> threadsBefore = ProcFs.threadCpuSeconds(pid);
      LoadResult plain = drive(client, target, scenario, requests, pace, "unprofiled window");
      double cpuSeconds = ProcFs.cpuSeconds(pid) - cpuBefore;
      Map<String, Double> byThread = new HashMap<>(ProcFs.threadCpuSeconds(pid));
      threadsBefore.forEach((name, seconds) -> byThread.merge(name, -seconds, Double::sum));

      Path recording = out.resolve(scenario.label() + ".jfr");
      jcmd(pid, "JFR.start", "name=profile", "settings=" + settingsFile());
      double profiledBefore = ProcFs.cpuSeconds(pid);
      drive(client, target, scenario, requests, pace, "profiled window");
      double profiledCpuSeconds = ProcFs.cpuSeconds(pid) - profiledBefore;
      jcmd(pid, "JFR.stop", "name=profile", "filename=" + recording);

      JfrSummary summary = JfrSummary.read(recording);
      writeFolded(out.resolve(scenario.label() + "-cpu.folded"), summary.cpuFolded());
      writeFolded(out.resolve(scenario.label() + "-alloc.folded"), summary.allocFolded());
      int bodyBytes = RequestBodies.payload(Api.ANTHROPIC, MODEL, scenario.workload()).body().length;
      return new ProfileResult(scenario, requests, concurrency, rate, tokensPerSecond, rounds, bodyBytes, cpuSeconds,
          byThread,
          plain.completedPerSecond(), LatencySummary.of(plain.latency()), plain.errors(), profiledCpuSeconds, summary,
          recording);
    } finally {
      launcher.stop(gateway.process());
      launcher.stop(simulator.process());
    }
  }

  /**
   * Sends rounds of {@code requests}: {@code rounds} of them when 0 or more, else until the JIT compilers used less
   * than {@link #SETTLED_COMPILER_SHARE} of the gateway's CPU in a round (at most {@link #MAX_WARMUP_ROUNDS}):
   * compilation still under way would be counted as the requests' cost. Returns each round's CPU and the compilers'
   * share of it, in microseconds per request.
   */
  private static List<WarmupRound> warmUp(LoadClient client, Target target, Scenario scenario, int requests,
      Pace pace, long pid, int rounds) throws InterruptedException {
    List<WarmupRound> sent = new ArrayList<>();
    while (rounds < 0 ? sent.size() < MAX_WARMUP_ROUNDS : sent.size() < rounds) {
      Map<String, Double> before = ProcFs.threadCpuSeconds(pid);
      drive(client, target, scenario, requests, pace, "warm-up");
      Map<String, Double> after = ProcFs.threadCpuSeconds(pid);
      double total = 0;
      double compiler = 0;
      for (var entry : after.entrySet()) {
        double used = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
        total += used;
        compiler += entry.getKey().contains("CompilerThre") ? used : 0;
      }
      sent.add(new WarmupRound(total * 1e6 / requests, compiler * 1e6 / requests));
      if (rounds < 0 && compiler < SETTLED_COMPILER_SHARE * total) {
        break;
      }
    }
    return sent;
  }

  private static LoadResult drive(LoadClient client, Target target, Scenario scenario, int requests, Pace pace,
      String window) throws InterruptedException {
    Recording recording = new Recording(scenario.workload(), 0);
    LoadResult result = pace.rate() > 0
        ? OpenLoop.run(client, target, recording, new OpenLoopPlan(pace.rate(), Duration.ZERO,
            Duration.ofNanos(Math.round(requests * 1e9 / pace.rate())), DRAIN))
        : FixedCount.run(client, target, recording, requests, pace.concurrency());
    if (pace.rate() > 0) {
      // Open loop past what the machine carries fails requests; what the gateway spent meanwhile is the finding.
      return result;
    }
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
