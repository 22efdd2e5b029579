package dev.claudebedrock.bench.overload;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.OpenLoop;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.run.Gateway;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcessGroup;
import dev.claudebedrock.bench.run.Simulator;
import dev.claudebedrock.bench.run.Tools;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway's overload curve, measured: open-loop load at half, once and twice its capacity, then half again,
 * against a simulator whose every answer takes the same time, so the capacity is known (places over service time).
 * Each leg reports the admitted requests' latency, the share refused with 529 and how often {@code /health/ready}
 * said 503; after the overload, how long readiness took to come back. Loopback only; bounded by the plan.
 */
public final class OverloadCurve {
  /** The open loop starts this long after it is called (its own lead time). */
  private static final long LEAD_NANOS = 5_000_000;
  private static final Duration DRAIN = Duration.ofSeconds(10);
  private static final Duration READY_POLL = Duration.ofMillis(50);

  private OverloadCurve() {}

  /**
   * What one run measured.
   *
   * @param legs the measured legs, in order
   * @param recovery from the end of the overload leg's sending to the first 200 from {@code /health/ready}
   */
  public record Result(OverloadPlan plan, List<LegResult> legs, Duration recovery) {}

  /** Starts a simulator and a gateway in {@code work}, drives the legs, stops everything. */
  public static Result run(Tools tools, OverloadPlan plan, Path work, PrintStream progress)
      throws InterruptedException {
    try (ProcessGroup group = new ProcessGroup(); LoadClient client = LoadClient.open(512)) {
      Launcher launcher = new Launcher(tools, work, group);
      Simulator simulator = launcher.simulator(0, plan.upstreamLatency());
      Gateway gateway = launcher.gateway(simulator.baseUrl(), GatewayOptions.production(), Map.of(
          "BEDROCK_PROXY_ADMISSION_MAX_IN_FLIGHT", Integer.toString(plan.maxInFlight()),
          "BEDROCK_PROXY_ADMISSION_QUEUE_TIMEOUT_MS", Long.toString(plan.queueTimeout().toMillis()),
          "BEDROCK_PROXY_ADMISSION_RETRY_AFTER_SECONDS", "1"));
      Target target = Target.anthropic("gateway", gateway.baseUrl(), "claude-sonnet-5-5", Launcher.GATEWAY_TOKEN,
          false);
      Workload workload = new Workload(BodyKind.SMALL, false, 20);
      double capacity = plan.capacity();
      progress.printf("overload curve: capacity %.0f requests/s (%d places, %d ms each), queue deadline %d ms%n",
          capacity, plan.maxInFlight(), plan.upstreamLatency().toMillis(), plan.queueTimeout().toMillis());
      OpenLoop.run(client, target, new Recording(workload, 0),
          new OpenLoopPlan(capacity / 2, Duration.ZERO, plan.warmup(), DRAIN));
      List<LegResult> legs = new ArrayList<>();
      Duration recovery = Duration.ZERO;
      try (ReadinessPoller ready = ReadinessPoller.start(gateway.baseUrl(), READY_POLL)) {
        for (double load : OverloadPlan.LOADS) {
          Recording recording = new Recording(workload, 0);
          long start = System.nanoTime() + LEAD_NANOS;
          LoadResult result = OpenLoop.run(client, target, recording,
              new OpenLoopPlan(capacity * load, Duration.ZERO, plan.leg(), DRAIN));
          long sendEnd = start + plan.leg().toNanos();
          ReadinessPoller.Window window = ready.between(start, sendEnd);
          LegResult leg = new LegResult(load, capacity * load, result, recording.refusals(), window.checks(),
              window.notReady());
          legs.add(leg);
          progress.printf("  %.1f× (%.0f/s): sent %d, admitted %d (p99 %.1f ms), 529 %d, other errors %d%n", load,
              leg.rate(), result.sent(), result.completed(), leg.admitted().p99(), leg.refusals().count(),
              leg.otherErrors());
          if (load > 1) {
            recovery = ready.firstReadyAfter(sendEnd);
          }
        }
      }
      return new Result(plan, legs, recovery);
    }
  }
}
