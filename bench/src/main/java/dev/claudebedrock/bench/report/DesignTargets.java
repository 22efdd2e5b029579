package dev.claudebedrock.bench.report;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.report.TargetCheck.Verdict;
import dev.claudebedrock.bench.suite.ConcurrentStreamsResult;
import dev.claudebedrock.bench.suite.LatencyResult;
import dev.claudebedrock.bench.suite.Route;
import dev.claudebedrock.bench.suite.RouteResult;
import dev.claudebedrock.bench.suite.StartupResult;
import dev.claudebedrock.bench.suite.SuiteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/** The performance targets (ARCHITECTURE.md, "Performance targets"), each checked against the figures. */
public final class DesignTargets {
  private static final double ADDED_P50_MS = 0.2;
  private static final double LAYER_P50_MS = 0.05;
  private static final double ADDED_P99_MS = 1;
  private static final double ADDED_P50_MS_PER_MB = 0.5;
  private static final double THROUGHPUT_RATIO = 0.5;
  private static final int STREAMS = 10_000;
  private static final long STREAMS_RSS_BYTES = 512L << 20;
  private static final long IDLE_RSS_BYTES = 128L << 20;
  private static final long READY_MILLIS = 1_000;

  private DesignTargets() {}

  public static List<TargetCheck> check(SuiteResult result) {
    List<TargetCheck> checks = new ArrayList<>();
    LatencyResult small = result.latency().stream()
        .filter(latency -> latency.body() == BodyKind.SMALL && latency.rate() == result.plan().targetRate())
        .findFirst().orElseThrow();
    String at = Formats.number(small.rate()) + " req/s";
    double addedP50 = added(small.routes(), LoadResult::latency, 50);
    double addedP99 = added(small.routes(), LoadResult::latency, 99);
    checks.add(new TargetCheck("Added latency, non-streaming, " + at + ": p50 ≤ 0.2 ms", Formats.signedMs(addedP50)
        + " ms", Verdict.of(addedP50 <= ADDED_P50_MS), "gateway p50 − direct p50, small body"));
    checks.add(new TargetCheck("Added latency, non-streaming, " + at + ": p99 ≤ 1 ms", Formats.signedMs(addedP99)
        + " ms", Verdict.of(addedP99 <= ADDED_P99_MS), "gateway p99 − direct p99, small body"));
    OptionalDouble perMegabyte = SizeScaling.addedMedianPerMegabyte(SizeScaling.rows(result.sizeScaling()));
    checks.add(perMegabyte.isPresent()
        ? new TargetCheck("Added median grows ≤ 0.5 ms per MB of body (5 KB to 2 MB)",
            Formats.signedMs(perMegabyte.getAsDouble()) + " ms/MB",
            Verdict.of(perMegabyte.getAsDouble() <= ADDED_P50_MS_PER_MB),
            "slope of gateway p50 − direct p50 over body size, least squares")
        : new TargetCheck("Added median grows ≤ 0.5 ms per MB of body (5 KB to 2 MB)", "—", Verdict.NOT_MEASURED,
            "the size-scaling scenario did not run"));

    RouteResult.find(small.routes(), Route.GOVERNED).ifPresent(governed -> {
      double governance = LatencySummary.ms(governed.load().latency(), 50)
          - LatencySummary.ms(RouteResult.get(small.routes(), Route.GATEWAY).load().latency(), 50);
      checks.add(new TargetCheck("Governance on (a key with limits and a budget), " + at + ": p50 added ≤ 0.05 ms",
          Formats.signedMs(governance) + " ms", Verdict.of(governance <= LAYER_P50_MS),
          "gateway-governed p50 − gateway p50, small body"));
    });

    RouteResult.find(small.routes(), Route.TRACED).ifPresent(traced -> {
      double tracing = LatencySummary.ms(traced.load().latency(), 50)
          - LatencySummary.ms(RouteResult.get(small.routes(), Route.GATEWAY).load().latency(), 50);
      checks.add(new TargetCheck("Tracing on (every span exported over OTLP), " + at + ": p50 added ≤ 0.05 ms",
          Formats.signedMs(tracing) + " ms", Verdict.of(tracing <= LAYER_P50_MS),
          "gateway-traced p50 − gateway p50, small body"));
    });

    RouteResult.find(small.routes(), Route.OPENAI).ifPresent(openAi -> {
      double front = LatencySummary.ms(openAi.load().latency(), 50)
          - LatencySummary.ms(RouteResult.get(small.routes(), Route.GATEWAY).load().latency(), 50);
      checks.add(new TargetCheck("OpenAI front door (Chat Completions translated both ways), " + at
          + ": p50 added ≤ 0.05 ms", Formats.signedMs(front) + " ms", Verdict.of(front <= LAYER_P50_MS),
          "gateway-openai p50 − gateway p50, small body, same gateway and upstream"));
    });

    List<RouteResult> streams = result.streaming().routes();
    double firstEvent = added(streams, LoadResult::firstEvent, 99);
    checks.add(new TargetCheck("Streaming: time to first event added, p99 ≤ 1 ms", Formats.signedMs(firstEvent)
        + " ms", Verdict.of(firstEvent <= ADDED_P99_MS), "gateway p99 − direct p99"));
    double eachEvent = added(streams, LoadResult::eventDelay, 99);
    checks.add(new TargetCheck("Streaming: each event forwarded within 1 ms of arrival", Formats.signedMs(eachEvent)
        + " ms", Verdict.of(eachEvent <= ADDED_P99_MS), "p99 over every event of every stream, gateway − direct"));

    List<RouteResult> saturation = result.saturation().routes();
    double ratio = RouteResult.get(saturation, Route.GATEWAY).load().completedPerSecond()
        / RouteResult.get(saturation, Route.DIRECT).load().completedPerSecond();
    checks.add(new TargetCheck("Throughput at saturation ≥ 50 % of direct (2 cores, shared with the load generator)",
        Formats.percent(ratio), Verdict.of(ratio >= THROUGHPUT_RATIO), Formats.number(
            RouteResult.get(saturation, Route.GATEWAY).load().completedPerSecond()) + " vs "
            + Formats.number(RouteResult.get(saturation, Route.DIRECT).load().completedPerSecond()) + " req/s"));

    ConcurrentStreamsResult most = result.concurrentStreams().stream()
        .max(Comparator.comparingInt(ConcurrentStreamsResult::streams)).orElseThrow();
    String held = Formats.number(most.streams()) + " concurrent streams";
    boolean fullCount = most.streams() >= STREAMS;
    checks.add(new TargetCheck(held + ": RSS ≤ 512 MB", Formats.number(most.peakRssBytes() >> 20) + " MB peak",
        fullCount ? Verdict.of(most.peakRssBytes() <= STREAMS_RSS_BYTES) : Verdict.NOT_MEASURED,
        fullCount ? "gateway, sampled every second" : "the target is stated for 10,000 streams"));
    boolean clean = most.load().errors() == 0 && most.load().completed() == most.streams();
    checks.add(new TargetCheck(held + ": no errors", most.load().errors() + " errors, "
        + Formats.number(most.load().completed()) + " completed", fullCount ? Verdict.of(clean) : Verdict.NOT_MEASURED,
        Formats.number(most.load().peakOpenStreams()) + " open at once"));

    StartupResult startup = result.startup();
    checks.add(new TargetCheck("Idle RSS ≤ 128 MB", Formats.number(startup.idleRssBytes() >> 20) + " MB",
        Verdict.of(startup.idleRssBytes() <= IDLE_RSS_BYTES), "after start, a few requests and "
            + Formats.seconds(result.plan().idleSettle()) + " s idle"));
    long ready = StartupResult.median(startup.plain()).toMillis();
    checks.add(new TargetCheck("Start to ready ≤ 1 s", ready + " ms", Verdict.of(ready <= READY_MILLIS),
        "median of " + startup.plain().size() + (startup.aot().isEmpty() ? "" : "; with the AOT cache "
            + StartupResult.median(startup.aot()).toMillis() + " ms")));
    checks.add(new TargetCheck("Container image ≤ 120 MB", "—", Verdict.NOT_MEASURED,
        "not part of this suite: scripts/container-test.sh measures it with the AOT cache the image ships by default "
            + "(over the target by choice: ARCHITECTURE.md) and without it (docs/deployment.md, Size)"));
    return checks;
  }

  /** The gateway's value less the direct route's at a percentile, in milliseconds. */
  static double added(List<RouteResult> routes, java.util.function.Function<LoadResult, Histogram> histogram,
      double percentile) {
    return LatencySummary.ms(histogram.apply(RouteResult.get(routes, Route.GATEWAY).load()), percentile)
        - LatencySummary.ms(histogram.apply(RouteResult.get(routes, Route.DIRECT).load()), percentile);
  }
}
