package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.OpenLoop;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.report.Formats;
import java.time.Duration;

/** Paced streams opened at a constant rate on every route, alternating: first event and every event's delay. */
final class StreamingScenario {
  private StreamingScenario() {}

  static StreamingResult run(LoadClient client, Stand stand, SuitePlan plan, Progress progress)
      throws InterruptedException {
    return run(client, stand, plan, plan.streamRate(), progress);
  }

  /** The same at {@code rate} new streams per second. */
  static StreamingResult run(LoadClient client, Stand stand, SuitePlan plan, double rate, Progress progress)
      throws InterruptedException {
    Workload workload = new Workload(BodyKind.SMALL, true, plan.streamTokens());
    double pace = stand.simulator().tokensPerSecond();
    Duration streamLength = Duration.ofMillis(Math.round(1000 * plan.streamTokens() / pace));
    OpenLoopPlan loop = new OpenLoopPlan(rate, plan.legWarmup(), plan.legMeasure(),
        streamLength.plusSeconds(30));
    String label = "streaming, %d events at %s tokens/s, %s streams/s".formatted(
        workload.expectedEvents().orElseThrow(), Formats.number(pace), Formats.number(rate));
    return new StreamingResult(rate, plan.streamTokens(), pace, Alternation.run(client, stand, plan.rounds(),
        label, progress, route -> OpenLoop.run(client, route.target(), new Recording(workload, pace), loop)));
  }
}
