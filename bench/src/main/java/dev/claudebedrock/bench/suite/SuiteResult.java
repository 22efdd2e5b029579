package dev.claudebedrock.bench.suite;

import java.time.Duration;
import java.util.List;

/** Everything a suite run measured, with the plan it followed. */
public record SuiteResult(
    SuitePlan plan,
    boolean quick,
    boolean nginx,
    StartupResult startup,
    List<LatencyResult> latency,
    StreamingResult streaming,
    StreamRatesResult streamRates,
    SaturationResult saturation,
    List<ConcurrentStreamsResult> concurrentStreams,
    Duration wallTime,
    List<LatencyResult> sizeScaling) {

  public SuiteResult {
    latency = List.copyOf(latency);
    sizeScaling = List.copyOf(sizeScaling);
    concurrentStreams = List.copyOf(concurrentStreams);
  }
}
