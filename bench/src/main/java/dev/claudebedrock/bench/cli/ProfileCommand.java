package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.profile.ProfileResult;
import dev.claudebedrock.bench.profile.Profiler;
import dev.claudebedrock.bench.profile.Scenario;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcessGroup;
import dev.claudebedrock.bench.run.Tools;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code profile}: the gateway's CPU time and allocated bytes per request, and where they go, per scenario. */
public final class ProfileCommand {
  public static final String USAGE = """
        profile [--scenario small|claude-code|stream|5kb|500kb|2mb|all|sizes] [--requests N] [--concurrency N]
                [--top N] [--out DIR] [--repository DIR] [--rate R] [--warmup-rounds N] [--paced]
                [--transport auto|nio]
            Starts the simulator and the gateway (production JVM flags), warms it up, sends N requests (default
            per scenario: small 20,000, claude-code 5,000, stream 5,000, 5kb 10,000, 500kb 1,000, 2mb 300; all:
            small, claude-code and stream; sizes: 5kb, claude-code, 500kb, 2mb) once unobserved and once under a flight
            recording (CPU samples every ms, allocation samples), and prints the gateway's CPU µs and allocated
            bytes per request, then the top N (default 15) methods by CPU and allocation sites. The recordings
            and folded stacks (for a flame graph) go into DIR (default target/profiles). With --rate, every round
            and window is sent open-loop at R requests/s (as the benchmark's latency legs are) instead of N at
            once, and the window's latency is printed too; --warmup-rounds N sends exactly N warm-up rounds (0: a
            cold gateway) instead of warming up until the JIT compilers settle. --paced (streaming scenarios): the
            simulator paces its output at 500 tokens/s as the benchmark's streams at rising rates do, so each event
            arrives in a read of its own (with --rate R: the benchmark's leg at R streams/s). --transport sets the
            gateway's server.transport (default: its own default, auto: epoll on Linux x86-64), to compare with nio.
      """;
  private static final int DEFAULT_CONCURRENCY = 16;

  private ProfileCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out) throws InterruptedException, IOException {
    Arguments options = Arguments.parse(args, Set.of("paced"));
    boolean paced = options.isSet("paced");
    String which = options.string("scenario", "all");
    Optional<String> requests = options.optional("requests");
    int concurrency = options.integer("concurrency", DEFAULT_CONCURRENCY, 1, 1_000);
    int top = options.integer("top", 15, 1, 1_000);
    double rate = options.decimal("rate", 0, 0, 100_000);
    int warmupRounds = options.integer("warmup-rounds", -1, -1, 100);
    Path outDir = Path.of(options.string("out", "target/profiles"));
    Path repository = options.repository();
    Optional<String> transport = options.optional("transport");
    if (transport.isPresent() && !Set.of("auto", "nio").contains(transport.get())) {
      throw new UsageException("--transport " + transport.get() + ": expected auto or nio");
    }
    List<Scenario> scenarios;
    try {
      scenarios = switch (which) {
        case "all" -> Scenario.ALL;
        case "sizes" -> Scenario.SIZES;
        default -> List.of(Scenario.parse(which));
      };
    } catch (IllegalArgumentException e) {
      throw new UsageException("--scenario " + which + ": " + e.getMessage());
    }
    if (paced && scenarios.stream().anyMatch(s -> !s.workload().stream())) {
      throw new UsageException("--paced: only streams are paced; use --scenario stream");
    }
    Optional<Integer> count = requests.map(text -> options.integer("requests", 0, 1, 10_000_000));
    options.finish();
    Tools tools = Arguments.toolsUnder(repository).withoutNginx();
    Files.createDirectories(outDir);
    Path work = Files.createTempDirectory("claude-bedrock-profile-");
    List<ProfileResult> results = new ArrayList<>();
    try (ProcessGroup group = new ProcessGroup()) {
      Profiler profiler = new Profiler(new Launcher(tools, work, group), outDir.toAbsolutePath(),
          transport.map(t -> Map.of("BEDROCK_PROXY_SERVER_TRANSPORT", t)).orElse(Map.of()));
      for (Scenario scenario : scenarios) {
        ProfileResult result = profiler.run(scenario, count.orElse(scenario.defaultRequests()), concurrency, rate,
            warmupRounds, paced ? Profiler.PACED_TOKENS_PER_SECOND : 0);
        result.print(out, top);
        out.println();
        results.add(result);
      }
    }
    out.println("scenario       body bytes   CPU µs/request   bytes allocated/request");
    for (ProfileResult r : results) {
      out.printf("%-14s %10d %16.0f %25.0f%n", r.scenario().label(), r.bodyBytes(), r.cpuMicrosPerRequest(),
          r.bytesPerRequest());
    }
    out.println("processes' logs in " + work);
    return 0;
  }
}
