package dev.claudebedrock.bench.suite;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard each scenario runs. {@link #full()} is the published suite (about 25 minutes on two
 * cores); {@link #quick()} runs every scenario for a moment, to check that it works.
 *
 * @param rounds times each route is measured in each scenario, alternating with the others
 * @param warmupPerRoute closed-loop load on each route and body before anything is measured (JIT compilation)
 * @param legWarmup the unrecorded start of every leg
 * @param legMeasure the recorded part of every non-streaming and streaming leg
 * @param smallRates open-loop rates (requests/s) for the small body
 * @param claudeCodeRates open-loop rates for the Claude Code-sized body
 * @param replyTokens reply tokens of non-streaming requests
 * @param streamRate new streams per second in the streaming scenario
 * @param streamTokens reply tokens (text deltas) per stream
 * @param streamTokensPerSecond the simulator's pacing in the streaming scenario
 * @param saturationConcurrency requests in flight at saturation
 * @param concurrentStreams the numbers of long-lived streams held at once
 * @param concurrentTokens reply tokens of each long-lived stream
 * @param concurrentTokensPerSecond the simulator's pacing for them (tokens / pace = how long each lives)
 * @param concurrentOpenRate long-lived streams opened per second until all are open
 * @param startupLaunches gateway launches timed, with and without the AOT cache
 * @param aotTraining how long the AOT training run serves each kind of request
 * @param idleSettle idle time before the idle RSS is read
 */
public record SuitePlan(
    int rounds,
    Duration warmupPerRoute,
    Duration legWarmup,
    Duration legMeasure,
    List<Double> smallRates,
    List<Double> claudeCodeRates,
    int replyTokens,
    double streamRate,
    int streamTokens,
    double streamTokensPerSecond,
    int saturationConcurrency,
    List<Integer> concurrentStreams,
    int concurrentTokens,
    double concurrentTokensPerSecond,
    double concurrentOpenRate,
    int startupLaunches,
    Duration aotTraining,
    Duration idleSettle) {

  public SuitePlan {
    smallRates = List.copyOf(smallRates);
    claudeCodeRates = List.copyOf(claudeCodeRates);
    concurrentStreams = List.copyOf(concurrentStreams);
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds " + rounds + ": expected 1 or more");
    }
    if (startupLaunches < 1) {
      throw new IllegalArgumentException("start-up launches " + startupLaunches + ": expected 1 or more");
    }
    if (smallRates.isEmpty() || concurrentStreams.isEmpty()) {
      throw new IllegalArgumentException("small-body rates " + smallRates + " and concurrent streams "
          + concurrentStreams + ": expected at least one of each");
    }
  }

  /** The published suite. */
  public static SuitePlan full() {
    return new SuitePlan(2, Duration.ofSeconds(8), Duration.ofSeconds(1), Duration.ofSeconds(5),
        List.of(200.0, 1_000.0, 3_000.0), List.of(200.0, 1_000.0), 20,
        100, 50, 100, 64,
        List.of(1_000, 10_000), 50, 2, 500,
        5, Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  /** Every scenario for a moment: numbers, not measurements. */
  public static SuitePlan quick() {
    return new SuitePlan(2, Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(500),
        List.of(200.0), List.of(100.0), 20,
        40, 10, 100, 16,
        List.of(50), 4, 8, 100,
        1, Duration.ofMillis(300), Duration.ofMillis(500));
  }

  /** The small-body rate the design targets are stated at, or the highest one run below it. */
  public double targetRate() {
    return smallRates.stream().filter(rate -> rate <= 1_000).max(Double::compare).orElse(smallRates.getFirst());
  }
}
