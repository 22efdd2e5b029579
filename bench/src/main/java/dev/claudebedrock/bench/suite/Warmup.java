package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.ClosedLoop;
import dev.claudebedrock.bench.load.ClosedLoopPlan;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Workload;
import java.time.Duration;
import java.util.List;

/**
 * Closed-loop load on every route of a fresh stand before anything is measured, so the JIT compilers of the
 * simulator, the gateway and the load generator have done their work; a route that fails here stops the run, with
 * the reason, before minutes are spent measuring errors.
 */
final class Warmup {
  private static final int CONCURRENCY = 16;

  private Warmup() {}

  static void run(LoadClient client, Stand stand, List<Workload> workloads, Duration perRoute, Progress progress)
      throws InterruptedException {
    run(client, stand, stand.routes(), workloads, perRoute, progress);
  }

  /** The same on some of the stand's routes. */
  static void run(LoadClient client, Stand stand, List<Route> routes, List<Workload> workloads, Duration perRoute,
      Progress progress) throws InterruptedException {
    for (Workload workload : workloads) {
      for (Route route : routes) {
        LoadResult result = ClosedLoop.run(client, route.target(),
            new Recording(workload, stand.simulator().tokensPerSecond()),
            new ClosedLoopPlan(CONCURRENCY, Duration.ZERO, perRoute));
        if (result.errors() > 0 || result.completed() == 0) {
          throw new IllegalStateException("warming up " + route.name() + " with the " + workload.body().label()
              + " body: " + result.completed() + " completed, " + result.errors() + " failed: "
              + result.errorSamples());
        }
      }
      progress.line("warmed up " + routes.size() + " routes with the " + workload.body().label() + " body"
          + (workload.stream() ? ", streaming" : ""));
    }
  }
}
