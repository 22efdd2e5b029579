package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.ClosedLoop;
import dev.claudebedrock.bench.load.ClosedLoopPlan;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.report.Formats;
import dev.claudebedrock.bench.run.Gateway;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcFs;
import dev.claudebedrock.bench.run.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Gateway start-up: launches timed from process start to the first 200 of {@code /health/ready} (polled every
 * 5 ms), plain and with a JDK AOT cache (JDK 25+: a training run writes it on exit, later launches map it); and the
 * resident memory of a gateway that served a few requests and then sat idle.
 */
final class StartupScenario {
  private static final int AOT_JDK = 25;
  private static final Duration CACHE_WRITE_TIMEOUT = Duration.ofSeconds(120);
  private static final int FEW_REQUESTS = 8;

  private StartupScenario() {}

  static StartupResult run(Launcher launcher, LoadClient client, SuitePlan plan, Path directory, Progress progress)
      throws InterruptedException {
    Simulator simulator = launcher.simulator(0);
    try {
      List<Duration> plain = launches(launcher, simulator, GatewayOptions.production(), plan.startupLaunches());
      progress.line("start to ready: " + describe(plain));
      long idleRss = idleRss(launcher, client, simulator, plan.idleSettle());
      progress.line("idle RSS: " + Formats.number(idleRss >> 20) + " MB");
      if (Runtime.version().feature() < AOT_JDK) {
        return new StartupResult(plain, List.of(), "the AOT cache needs JDK " + AOT_JDK + " (this is "
            + Runtime.version().feature() + ")", idleRss);
      }
      Path cache = directory.resolve("gateway.aot");
      train(launcher, client, simulator, cache, plan.aotTraining());
      List<Duration> aot = launches(launcher, simulator, GatewayOptions.production()
          .withJvmFlags(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on")), plan.startupLaunches());
      progress.line("start to ready with the AOT cache: " + describe(aot));
      return new StartupResult(plain, aot, "", idleRss);
    } finally {
      launcher.stop(simulator.process());
    }
  }

  private static List<Duration> launches(Launcher launcher, Simulator simulator, GatewayOptions options, int count) {
    List<Duration> times = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Gateway gateway = launcher.gateway(simulator.baseUrl(), options);
      times.add(gateway.startToReady());
      launcher.stop(gateway.process());
    }
    return times;
  }

  private static long idleRss(Launcher launcher, LoadClient client, Simulator simulator, Duration settle)
      throws InterruptedException {
    Gateway gateway = launcher.gateway(simulator.baseUrl(), GatewayOptions.production());
    try {
      Target target = target(gateway);
      for (Workload workload : List.of(new Workload(BodyKind.SMALL, false, 20), new Workload(BodyKind.SMALL, true, 20),
          new Workload(BodyKind.CLAUDE_CODE, false, 20))) {
        for (int i = 0; i < FEW_REQUESTS; i++) {
          client.send(target, workload, System.nanoTime(), new Recording(workload, 0)).await();
        }
      }
      Thread.sleep(settle.toMillis());
      return ProcFs.rssBytes(gateway.process().pid());
    } finally {
      launcher.stop(gateway.process());
    }
  }

  /** A gateway that serves each workload for a moment and exits, writing the AOT cache of what it loaded and ran. */
  private static void train(Launcher launcher, LoadClient client, Simulator simulator, Path cache,
      Duration perWorkload) throws InterruptedException {
    Gateway trainee = launcher.gateway(simulator.baseUrl(),
        GatewayOptions.production().withJvmFlags(List.of("-XX:AOTCacheOutput=" + cache)));
    Target target = target(trainee);
    for (Workload workload : List.of(new Workload(BodyKind.SMALL, false, 20), new Workload(BodyKind.SMALL, true, 20),
        new Workload(BodyKind.CLAUDE_CODE, false, 20), new Workload(BodyKind.CLAUDE_CODE, true, 20))) {
      LoadResult result = ClosedLoop.run(client, target, new Recording(workload, 0),
          new ClosedLoopPlan(4, Duration.ZERO, perWorkload));
      if (result.errors() > 0) {
        throw new IllegalStateException("training the AOT cache: " + result.errorSamples());
      }
    }
    int status = trainee.process().stop(CACHE_WRITE_TIMEOUT);
    launcher.stop(trainee.process());
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException("the training gateway exited with " + status + " without writing " + cache
          + "; its log ends:\n" + trainee.process().logTail());
    }
  }

  private static Target target(Gateway gateway) {
    return Target.anthropic(Route.GATEWAY, gateway.baseUrl(), Stand.MODEL, Launcher.GATEWAY_TOKEN, false);
  }

  private static String describe(List<Duration> launches) {
    return "median " + StartupResult.median(launches).toMillis() + " ms, fastest "
        + StartupResult.fastest(launches).toMillis() + " ms of " + launches.size();
  }
}
