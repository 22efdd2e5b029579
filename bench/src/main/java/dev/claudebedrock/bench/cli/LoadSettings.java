package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.load.ClosedLoopPlan;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.report.Formats;
import java.util.Optional;

/**
 * The {@code load} command's settings: one target, one workload, one open- or closed-loop plan, and the most
 * connections the client opens per event loop.
 */
record LoadSettings(Target target, Workload workload, Optional<OpenLoopPlan> openLoop,
    Optional<ClosedLoopPlan> closedLoop, int connections) {

  LoadSettings {
    if (openLoop.isPresent() == closedLoop.isPresent()) {
      throw new IllegalArgumentException("exactly one of an open-loop and a closed-loop plan");
    }
  }

  /** A description of what runs, for the first line of the output. */
  String describe() {
    String loop = openLoop.map(p -> "open loop, %s requests/s for %s s after %s s of warm-up"
        .formatted(Formats.number(p.ratePerSecond()), Formats.seconds(p.measure()), Formats.seconds(p.warmup())))
        .orElseGet(() -> closedLoop.map(p -> "closed loop, %d in flight for %s s after %s s of warm-up"
            .formatted(p.concurrency(), Formats.seconds(p.measure()), Formats.seconds(p.warmup()))).orElseThrow());
    return "%s (%s, model %s): %s body, %s, %d reply tokens; %s".formatted(target.baseUrl(),
        switch (target.api()) {
          case ANTHROPIC -> "Anthropic Messages API";
          case OPENAI -> "OpenAI Chat Completions";
          case BEDROCK -> "Bedrock InvokeModel";
          case MANTLE -> "Bedrock's native Messages API";
        }, target.model(),
        workload.body().label(), workload.stream() ? "streaming" : "non-streaming", workload.replyTokens(), loop);
  }
}
