package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.OpenLoop;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.report.Formats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Non-streaming requests of growing bodies (5 KB to 2 MB, {@link BodyKind#SIZES}) at one modest rate, directly,
 * through the gateway and through nginx: how the gateway's added latency grows with the body (the cost per byte).
 */
public final class SizeScalingScenario {
  /** Requests per second for every size: 2 MB bodies at this rate are 50 MB/s, which two shared cores carry. */
  public static final double RATE = 25;
  private static final Duration DRAIN = Duration.ofSeconds(30);
  private static final Set<String> ROUTES = Set.of(Route.DIRECT, Route.GATEWAY, Route.NGINX);

  private SizeScalingScenario() {}

  static List<LatencyResult> run(LoadClient client, Stand stand, SuitePlan plan, Progress progress)
      throws InterruptedException {
    List<Route> routes = stand.routes().stream().filter(route -> ROUTES.contains(route.name())).toList();
    List<Workload> workloads = BodyKind.SIZES.stream().map(body -> new Workload(body, false, plan.replyTokens()))
        .toList();
    Warmup.run(client, stand, routes, workloads, plan.warmupPerRoute(), progress);
    OpenLoopPlan loop = new OpenLoopPlan(RATE, plan.legWarmup(), plan.legMeasure(), DRAIN);
    List<LatencyResult> results = new ArrayList<>();
    for (Workload workload : workloads) {
      String label = "size scaling, " + workload.body().label() + " body, " + Formats.number(RATE) + " requests/s";
      results.add(new LatencyResult(workload.body(), RATE, Alternation.run(client, stand, routes, plan.rounds(), label,
          progress, route -> OpenLoop.run(client, route.target(), new Recording(workload, 0), loop))));
    }
    return results;
  }
}
