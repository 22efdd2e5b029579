package dev.claudebedrock.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.report.TargetCheck.Verdict;
import dev.claudebedrock.bench.suite.ConcurrentStreamsResult;
import dev.claudebedrock.bench.suite.CpuUse;
import dev.claudebedrock.bench.suite.LatencyResult;
import dev.claudebedrock.bench.suite.Route;
import dev.claudebedrock.bench.suite.RouteResult;
import dev.claudebedrock.bench.suite.SaturationResult;
import dev.claudebedrock.bench.suite.StartupResult;
import dev.claudebedrock.bench.suite.StreamRatesResult;
import dev.claudebedrock.bench.suite.StreamingResult;
import dev.claudebedrock.bench.suite.SuitePlan;
import dev.claudebedrock.bench.suite.SuiteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The targets' verdicts from made-up figures: at, over and under each bound, and what counts as not measured. */
class DesignTargetsTest {
  private static final String SMALL_P99 = "Added p99 ≤ 1 ms, small request, 200 to 3,000 req/s";
  private static final String LARGE_P99 = "Added p99 ≤ 1 ms, 50 KB request, 200 to 3,000 req/s";
  private static final String CPU = "CPU per small request at saturation ≤ 30 µs";
  private static final String EACH_EVENT = "Streaming: each event's added delay, p99 ≤ 0.5 ms";
  private static final String RATES = "Streams of 50 events: no saturation up to 2,000 streams/s where direct keeps up";
  private static final String IDLE = "Idle RSS ≤ 100 MB";
  private static final String READY = "Start to ready ≤ 0.5 s with the AOT cache the image ships";
  private static final String BURST = "First event p99 with 1,000 streams opening at 500/s within 2× of direct";

  /** Figures that meet every target the suite measures in full. */
  private final Figures figures = new Figures();

  @Test
  void figuresWithinEveryBoundMeetTheTargetsOfIssue16() {
    Map<String, TargetCheck> checks = byTarget(figures.result());

    assertThat(checks.get(SMALL_P99).verdict()).isEqualTo(Verdict.MET);
    assertThat(checks.get(SMALL_P99).note()).contains("+0.900 at 200/s", "+0.900 at 3,000/s");
    assertThat(checks.get(CPU)).satisfies(check -> {
      assertThat(check.verdict()).isEqualTo(Verdict.MET);
      assertThat(check.measured()).isEqualTo("30 µs");
    });
    assertThat(checks.get(EACH_EVENT).verdict()).isEqualTo(Verdict.MET);
    assertThat(checks.get(RATES).verdict()).isEqualTo(Verdict.MET);
    assertThat(checks.get(IDLE).verdict()).isEqualTo(Verdict.MET);
    assertThat(checks.get(READY)).satisfies(check -> {
      assertThat(check.verdict()).isEqualTo(Verdict.MET);
      assertThat(check.measured()).isEqualTo("500 ms");
      assertThat(check.note()).contains("without the cache 1200 ms");
    });
    assertThat(checks.get("Throughput at saturation ≥ 50 % of direct (2 cores, shared with the load generator)")
        .verdict()).isEqualTo(Verdict.MET);
  }

  @Test
  void oneRateOverTheBoundMissesTheWholeRange() {
    figures.addedP99Ms.put(3_000.0, 1.2);

    TargetCheck small = byTarget(figures.result()).get(SMALL_P99);

    assertThat(small.verdict()).isEqualTo(Verdict.MISSED);
    assertThat(small.measured()).isEqualTo("+1.200 ms");
  }

  @Test
  void aRangeThatStopsShortOf3000IsNotMeasuredUnlessItAlreadyMisses() {
    TargetCheck large = byTarget(figures.result()).get(LARGE_P99);
    assertThat(large.verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(large.note()).contains("not run above 1,000/s");

    figures.addedP99Ms.put(1_000.0, 1.5);
    assertThat(byTarget(figures.result()).get(LARGE_P99).verdict()).isEqualTo(Verdict.MISSED);
  }

  @Test
  void theOldBoundsNoLongerPass() {
    figures.cpuMicrosAtSaturation = 31;
    figures.eventDelayAddedMs = 0.6;
    figures.idleRssMb = 101;
    figures.aotReadyMs = 501;

    Map<String, TargetCheck> checks = byTarget(figures.result());

    assertThat(checks.get(CPU).verdict()).isEqualTo(Verdict.MISSED);
    assertThat(checks.get(EACH_EVENT).verdict()).isEqualTo(Verdict.MISSED);
    assertThat(checks.get(IDLE).verdict()).isEqualTo(Verdict.MISSED);
    assertThat(checks.get(READY).verdict()).isEqualTo(Verdict.MISSED);
  }

  @Test
  void aGatewayBehindAtAStreamRateDirectCarriesMissesAndARateDirectCannotCarryIsLeftOut() {
    figures.gatewayStreamsPerSecond.put(1_000.0, 906.0);
    TargetCheck saturated = byTarget(figures.result()).get(RATES);
    assertThat(saturated.verdict()).isEqualTo(Verdict.MISSED);
    assertThat(saturated.note()).contains("906 of 980/s at 1,000/s");

    figures.gatewayStreamsPerSecond.put(1_000.0, 1_000.0);
    figures.directStreamsPerSecond.put(2_000.0, 1_500.0);
    figures.gatewayStreamsPerSecond.put(2_000.0, 900.0);
    TargetCheck directBehind = byTarget(figures.result()).get(RATES);
    assertThat(directBehind.verdict()).isEqualTo(Verdict.MET);
    assertThat(directBehind.note()).contains("direct behind at 2,000/s");
  }

  @Test
  void withoutAnAotCacheOrADirectRouteTheTargetIsNotMeasured() {
    figures.aotReadyMs = -1;

    Map<String, TargetCheck> checks = byTarget(figures.result());

    assertThat(checks.get(READY).verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(checks.get(BURST)).satisfies(check -> {
      assertThat(check.verdict()).isEqualTo(Verdict.NOT_MEASURED);
      assertThat(check.measured()).isEqualTo("1.500 ms (gateway)");
    });
  }

  private static Map<String, TargetCheck> byTarget(SuiteResult result) {
    return DesignTargets.check(result).stream().collect(Collectors.toMap(TargetCheck::target, Function.identity()));
  }

  /** A suite's figures: the gateway's at what the fields say (values under 2 ms, which the histograms hold exactly). */
  private static final class Figures {
    final Map<Double, Double> addedP99Ms = new java.util.HashMap<>(Map.of(200.0, 0.9, 1_000.0, 0.5, 3_000.0, 0.9));
    final Map<Double, Double> directStreamsPerSecond = new java.util.HashMap<>(Map.of(500.0, 490.0, 1_000.0, 980.0,
        2_000.0, 1_950.0));
    final Map<Double, Double> gatewayStreamsPerSecond = new java.util.HashMap<>(Map.of(500.0, 490.0, 1_000.0,
        980.0, 2_000.0, 1_900.0));
    double cpuMicrosAtSaturation = 30;
    double eventDelayAddedMs = 0.5;
    long idleRssMb = 100;
    long aotReadyMs = 500;

    SuiteResult result() {
      SuitePlan plan = SuitePlan.full();
      List<LatencyResult> latency = new ArrayList<>();
      for (double rate : plan.smallRates()) {
        latency.add(new LatencyResult(BodyKind.SMALL, rate, List.of(route(Route.DIRECT, 0.1, 0.1),
            route(Route.GATEWAY, 0.2, 0.1 + addedP99Ms.get(rate)))));
      }
      for (double rate : plan.claudeCodeRates()) {
        latency.add(new LatencyResult(BodyKind.CLAUDE_CODE, rate, List.of(route(Route.DIRECT, 0.1, 0.1),
            route(Route.GATEWAY, 0.2, 0.1 + addedP99Ms.get(rate)))));
      }
      StreamingResult streaming = new StreamingResult(100, 50, 100, List.of(streams(Route.DIRECT, 1, 1, 100),
          streams(Route.GATEWAY, 1.5, 1 + eventDelayAddedMs, 100)));
      List<StreamingResult> rates = new ArrayList<>();
      for (double rate : List.of(500.0, 1_000.0, 2_000.0)) {
        rates.add(new StreamingResult(rate, 50, 500, List.of(streams(Route.DIRECT, 1, 1, directStreamsPerSecond.get(
            rate)), streams(Route.GATEWAY, 1, 1, gatewayStreamsPerSecond.get(rate)))));
      }
      SaturationResult saturation = new SaturationResult(64, List.of(
          new RouteResult(Route.DIRECT, load(1, 1, 1, 1, 40_000), cpu(0, 400_000)),
          new RouteResult(Route.GATEWAY, load(1, 1, 1, 1, 20_000), cpu(cpuMicrosAtSaturation * 200_000 / 1e6,
              200_000))));
      List<ConcurrentStreamsResult> held = List.of(
          new ConcurrentStreamsResult(1_000, Duration.ofSeconds(2), 25, "2", load(1.5, 1.5, 1, 1, 40), 140L << 20,
              160L << 20, 20),
          new ConcurrentStreamsResult(10_000, Duration.ofSeconds(20), 25, "2", load(1, 1, 1, 1, 1_000), 150L << 20,
              400L << 20, 70));
      StartupResult startup = new StartupResult(List.of(Duration.ofMillis(1_200)),
          aotReadyMs < 0 ? List.of() : List.of(Duration.ofMillis(aotReadyMs)), aotReadyMs < 0 ? "JDK 21" : "",
          idleRssMb << 20);
      return new SuiteResult(plan, false, false, startup, latency, streaming,
          new StreamRatesResult(500, 50, rates), saturation, held, Duration.ofMinutes(25), List.of());
    }

    private static RouteResult route(String name, double p50Ms, double p99Ms) {
      return new RouteResult(name, load(p50Ms, p99Ms, 1, 1, 1_000), cpu(1, 10_000));
    }

    private static RouteResult streams(String name, double firstEventMs, double eventDelayP99Ms, double perSecond) {
      return new RouteResult(name, load(firstEventMs, firstEventMs, 1, eventDelayP99Ms, perSecond), cpu(1, 1_000));
    }

    private static CpuUse cpu(double proxySeconds, long requests) {
      return new CpuUse(50, 50, 50, 150, proxySeconds, requests, proxySeconds > 0 ? requests * 1_000 : -1);
    }

    /**
     * 100 samples each: the latency and first event at {@code p50Ms} for 98 of them and {@code p99Ms} for the rest
     * (so p99 is {@code p99Ms}), every event delay at {@code delayP50Ms} but the last two at {@code delayP99Ms}.
     */
    private static LoadResult load(double p50Ms, double p99Ms, double delayP50Ms, double delayP99Ms,
        double perSecond) {
      Histogram latency = twoValues(p50Ms, p99Ms);
      Histogram delay = twoValues(delayP50Ms, delayP99Ms);
      long completed = Math.round(perSecond * 10);
      return new LoadResult(latency, latency, delay, completed, completed, 0, 10, 1_000, List.of());
    }

    private static Histogram twoValues(double mostMs, double tailMs) {
      Histogram histogram = new Histogram(3);
      histogram.recordValueWithCount(Math.round(mostMs * 1_000), 98);
      histogram.recordValueWithCount(Math.round(tailMs * 1_000), 2);
      return histogram;
    }
  }
}
