package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcessGroup;
import dev.claudebedrock.bench.run.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole benchmark, in phases that each start their own processes, because the simulator's pacing is per
 * process: start-up; non-streaming latency and saturation on an unpaced simulator; streaming on a paced one, then
 * streams at rising rates (the gateway over HTTP/1.1 and HTTP/2 to the simulator);
 * thousands of long-lived streams on a slow one (gateway only).
 */
public final class Suite {
  /** Connections the load generator may hold to each route, per event loop, outside the long-lived streams. */
  private static final int CONNECTIONS_PER_ROUTE = 512;

  private final Tools tools;
  private final SuitePlan plan;
  private final boolean quick;
  private final Path directory;
  private final Progress progress;

  public Suite(Tools tools, SuitePlan plan, boolean quick, Path directory, Progress progress) {
    this.tools = tools;
    this.plan = plan;
    this.quick = quick;
    this.directory = directory;
    this.progress = progress;
  }

  public SuiteResult run() throws InterruptedException {
    long start = System.nanoTime();
    try (ProcessGroup group = new ProcessGroup(); LoadClient client = LoadClient.open(CONNECTIONS_PER_ROUTE)) {
      Launcher launcher = new Launcher(tools, directory, group);
      progress.line("start-up: " + plan.startupLaunches() + " launches each way");
      StartupResult startup = StartupScenario.run(launcher, client, plan, directory, progress);

      Stand unpaced = Stand.start(launcher, 0, GatewayOptions.production(), true);
      Warmup.run(client, unpaced, List.of(new Workload(BodyKind.SMALL, false, plan.replyTokens()),
          new Workload(BodyKind.CLAUDE_CODE, false, plan.replyTokens())), plan.warmupPerRoute(), progress);
      List<LatencyResult> latency = new ArrayList<>();
      for (double rate : plan.smallRates()) {
        latency.add(LatencyScenario.run(client, unpaced, plan, BodyKind.SMALL, rate, progress));
      }
      for (double rate : plan.claudeCodeRates()) {
        latency.add(LatencyScenario.run(client, unpaced, plan, BodyKind.CLAUDE_CODE, rate, progress));
      }
      SaturationResult saturation = SaturationScenario.run(client, unpaced, plan, progress);
      List<LatencyResult> sizeScaling = SizeScalingScenario.run(client, unpaced, plan, progress);
      unpaced.stop();

      Stand paced = Stand.start(launcher, plan.streamTokensPerSecond(), GatewayOptions.production());
      Warmup.run(client, paced, List.of(new Workload(BodyKind.SMALL, true, plan.streamTokens())),
          plan.warmupPerRoute(), progress);
      StreamingResult streaming = StreamingScenario.run(client, paced, plan, progress);
      paced.stop();

      StreamRatesResult streamRates = StreamRatesScenario.run(launcher, client, plan,
          StreamRatesScenario.rates(quick), progress);

      List<ConcurrentStreamsResult> concurrent = ConcurrentStreamsScenario.run(launcher, plan, progress);
      return new SuiteResult(plan, quick, tools.nginx().isPresent(), startup, latency, streaming, streamRates,
          saturation, concurrent, Duration.ofNanos(System.nanoTime() - start), sizeScaling);
    }
  }
}
