package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.ClosedLoop;
import dev.claudebedrock.bench.load.ClosedLoopPlan;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Workload;

/** Small non-streaming requests, a fixed number in flight on every route, alternating: sustained throughput. */
final class SaturationScenario {
  private SaturationScenario() {}

  static SaturationResult run(LoadClient client, Stand stand, SuitePlan plan, Progress progress)
      throws InterruptedException {
    Workload workload = new Workload(BodyKind.SMALL, false, plan.replyTokens());
    ClosedLoopPlan loop = new ClosedLoopPlan(plan.saturationConcurrency(), plan.legWarmup(), plan.legMeasure());
    String label = "saturation, " + plan.saturationConcurrency() + " in flight";
    return new SaturationResult(plan.saturationConcurrency(),
        Alternation.run(client, stand, plan.rounds(), label, progress,
            route -> ClosedLoop.run(client, route.target(), new Recording(workload, 0), loop)));
  }
}
