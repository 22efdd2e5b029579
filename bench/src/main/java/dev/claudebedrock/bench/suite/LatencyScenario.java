package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.OpenLoop;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.report.Formats;
import java.time.Duration;

/** Non-streaming requests at a constant rate on every route, alternating. */
final class LatencyScenario {
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private LatencyScenario() {}

  static LatencyResult run(LoadClient client, Stand stand, SuitePlan plan, BodyKind body, double rate,
      Progress progress) throws InterruptedException {
    Workload workload = new Workload(body, false, plan.replyTokens());
    OpenLoopPlan loop = new OpenLoopPlan(rate, plan.legWarmup(), plan.legMeasure(), DRAIN);
    String label = "non-streaming, " + body.label() + " body, " + Formats.number(rate) + " requests/s";
    return new LatencyResult(body, rate, Alternation.run(client, stand, plan.rounds(), label, progress,
        route -> OpenLoop.run(client, route.target(), new Recording(workload, 0), loop)));
  }
}
