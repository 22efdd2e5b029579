package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcessGroup;
import dev.claudebedrock.bench.run.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * This build's gateway and another commit's, in front of the same simulator in the same run, legs alternating with
 * the direct route: non-streaming latency for the small and the 50 KB body at rising rates, then paced streams. A
 * change's cost is the difference between the two gateways, free of the day-to-day drift of a shared machine.
 */
public final class BeforeAfter {
  private static final int CONNECTIONS_PER_ROUTE = 512;

  /** Which legs a comparison runs. */
  public enum Legs {
    /** Non-streaming latency for both bodies at every rate, then paced streams: the published comparison. */
    ALL,
    /** Paced streams only: about a minute, for finding which commit changed a stream's cost. */
    STREAMS
  }

  /** What the comparison measured ({@code latency} is empty when only streams ran); {@code took} is the whole run. */
  public record Result(SuitePlan plan, List<LatencyResult> latency, StreamingResult streaming, Duration took) {
    public Result {
      latency = List.copyOf(latency);
    }
  }

  private BeforeAfter() {}

  /**
   * The published comparison: 200, 500 and 1,000 requests/s of each body and 100 streams/s, two rounds of 5 s per
   * route; {@code quick}: a moment of each, to check that it works; {@code rounds}, when present, replaces the
   * plan's number of rounds.
   */
  public static SuitePlan plan(boolean quick, OptionalInt rounds) {
    SuitePlan suite = quick ? SuitePlan.quick() : SuitePlan.full();
    List<Double> rates = quick ? List.of(100.0) : List.of(200.0, 500.0, 1_000.0);
    Duration warmup = quick ? suite.warmupPerRoute() : Duration.ofSeconds(10);
    return new SuitePlan(rounds.orElse(suite.rounds()), warmup, suite.legWarmup(), suite.legMeasure(), rates, rates,
        suite.replyTokens(), suite.streamRate(), suite.streamTokens(), suite.streamTokensPerSecond(),
        suite.saturationConcurrency(), suite.concurrentStreams(), suite.concurrentTokens(),
        suite.concurrentTokensPerSecond(), suite.concurrentOpenRate(), suite.startupLaunches(), suite.aotTraining(),
        suite.idleSettle());
  }

  /** Runs it: {@code baseline} holds the other commit's jars; the processes' logs go under {@code directory}. */
  public static Result run(Tools tools, Tools baseline, SuitePlan plan, Legs legs, Path directory,
      Progress progress) throws InterruptedException {
    long start = System.nanoTime();
    Path baselineDirectory = directory.resolve("baseline");
    try {
      Files.createDirectories(baselineDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + baselineDirectory, e);
    }
    try (ProcessGroup group = new ProcessGroup(); LoadClient client = LoadClient.open(CONNECTIONS_PER_ROUTE)) {
      Launcher launcher = new Launcher(tools, directory, group);
      Launcher baselineLauncher = new Launcher(baseline, baselineDirectory, group);

      List<LatencyResult> latency = new ArrayList<>();
      if (legs == Legs.ALL) {
        Stand unpaced = Stand.beforeAfter(launcher, baselineLauncher, 0);
        Warmup.run(client, unpaced, List.of(new Workload(BodyKind.SMALL, false, plan.replyTokens()),
            new Workload(BodyKind.CLAUDE_CODE, false, plan.replyTokens())), plan.warmupPerRoute(), progress);
        for (BodyKind body : List.of(BodyKind.SMALL, BodyKind.CLAUDE_CODE)) {
          for (double rate : body == BodyKind.SMALL ? plan.smallRates() : plan.claudeCodeRates()) {
            latency.add(LatencyScenario.run(client, unpaced, plan, body, rate, progress));
          }
        }
        unpaced.stop();
      }

      Stand paced = Stand.beforeAfter(launcher, baselineLauncher, plan.streamTokensPerSecond());
      Warmup.run(client, paced, List.of(new Workload(BodyKind.SMALL, true, plan.streamTokens())),
          plan.warmupPerRoute(), progress);
      StreamingResult streaming = StreamingScenario.run(client, paced, plan, progress);
      paced.stop();
      return new Result(plan, latency, streaming, Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
