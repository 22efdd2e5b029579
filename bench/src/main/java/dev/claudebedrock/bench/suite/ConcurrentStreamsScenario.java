package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.OpenLoop;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.report.Formats;
import dev.claudebedrock.bench.run.Gateway;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcFs;
import dev.claudebedrock.bench.run.ResourceSampler;
import dev.claudebedrock.bench.run.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Thousands of slow streams open at once through one gateway, which talks HTTP/2 to the simulator: over HTTP/1.1
 * each stream would hold its own upstream connection, and a process may hold only so many sockets (the
 * machine's limit is 20,000 per process; 10,000 streams would need 20,000 in the gateway). The gateway's memory and
 * CPU are sampled every second.
 */
final class ConcurrentStreamsScenario {
  static final String UPSTREAM_HTTP_VERSION = "2";
  private static final Duration DRAIN_MARGIN = Duration.ofSeconds(60);

  private ConcurrentStreamsScenario() {}

  static List<ConcurrentStreamsResult> run(Launcher launcher, SuitePlan plan, Progress progress)
      throws InterruptedException {
    Simulator simulator = launcher.simulator(plan.concurrentTokensPerSecond());
    Gateway gateway = launcher.gateway(simulator.baseUrl(),
        new GatewayOptions(UPSTREAM_HTTP_VERSION, List.of()));
    Target target = Target.anthropic(Route.GATEWAY, gateway.baseUrl(), Stand.MODEL, Launcher.GATEWAY_TOKEN, false);
    int most = plan.concurrentStreams().stream().max(Integer::compare).orElseThrow();
    List<ConcurrentStreamsResult> results = new ArrayList<>();
    try (LoadClient client = LoadClient.open(most)) {
      // One-token streams (half a second each at this pace) warm the gateway's stream path up.
      Warmup.run(client, new Stand(launcher, simulator, gateway, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
          List.of(new Workload(BodyKind.SMALL, true, 1)), plan.warmupPerRoute(), progress);
      for (int streams : plan.concurrentStreams()) {
        results.add(hold(client, target, gateway, plan, streams, progress));
      }
    } finally {
      launcher.stop(gateway.process());
      launcher.stop(simulator.process());
    }
    return results;
  }

  private static ConcurrentStreamsResult hold(LoadClient client, Target target, Gateway gateway, SuitePlan plan,
      int streams, Progress progress) {
    Workload workload = new Workload(BodyKind.SMALL, true, plan.concurrentTokens());
    double streamSeconds = plan.concurrentTokens() / plan.concurrentTokensPerSecond();
    Duration ramp = Duration.ofNanos(Math.round(streams / plan.concurrentOpenRate() * 1e9));
    OpenLoopPlan loop = new OpenLoopPlan(plan.concurrentOpenRate(), Duration.ZERO, ramp,
        Duration.ofMillis(Math.round(streamSeconds * 1000)).plus(DRAIN_MARGIN));
    long rssBefore = ProcFs.rssBytes(gateway.process().pid());
    LoadResult result;
    ResourceSampler.Usage usage;
    try (ResourceSampler sampler = new ResourceSampler(gateway.process().pid())) {
      result = OpenLoop.run(client, target, new Recording(workload, plan.concurrentTokensPerSecond()), loop);
      usage = sampler.finish();
    }
    progress.line("%s concurrent streams of %s s: %d completed, %d errors, %d open at once; gateway peak RSS %s MB,"
        .formatted(Formats.number(streams), Formats.number(streamSeconds), result.completed(), result.errors(),
            result.peakOpenStreams(), Formats.number(usage.peakRssBytes() >> 20))
        + " mean CPU " + Formats.number(Math.round(usage.meanCpuPercent())) + " %"
        + (result.errorSamples().isEmpty() ? "" : " (" + result.errorSamples().getFirst() + ")"));
    return new ConcurrentStreamsResult(streams, ramp, streamSeconds, UPSTREAM_HTTP_VERSION, result,
        rssBefore, usage.peakRssBytes(), usage.meanCpuPercent());
  }
}
