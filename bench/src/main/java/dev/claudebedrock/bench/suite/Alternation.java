package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.report.Formats;
import dev.claudebedrock.bench.run.AllocationCounter;
import dev.claudebedrock.bench.run.CpuMeter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs a scenario's legs route after route, round after round, so that drift of the machine over the run falls on
 * every route alike, and merges each route's legs. The first route (direct) opens every round; the others take
 * turns in the places after it (round 1: direct, gateway, nginx; round 2: direct, nginx, gateway…), because a leg's
 * place in the round shows in its figures: two identical gateways measured in fixed order differed by 0.2 ms at
 * the median and 5 % in CPU per stream.
 */
final class Alternation {
  /** One leg of load against one route. */
  @FunctionalInterface
  interface Leg {
    LoadResult run(Route route) throws InterruptedException;
  }

  private Alternation() {}

  static List<RouteResult> run(LoadClient client, Stand stand, int rounds, String label, Progress progress, Leg leg)
      throws InterruptedException {
    return run(client, stand, stand.routes(), rounds, label, progress, leg);
  }

  /** The same over some of the stand's routes. */
  static List<RouteResult> run(LoadClient client, Stand stand, List<Route> routes, int rounds, String label,
      Progress progress, Leg leg) throws InterruptedException {
    Map<String, List<LoadResult>> loads = new LinkedHashMap<>();
    Map<String, List<CpuUse>> cpus = new LinkedHashMap<>();
    long self = ProcessHandle.current().pid();
    for (int round = 1; round <= rounds; round++) {
      for (Route route : order(routes, round)) {
        Optional<AllocationCounter.Reading> allocation = route.proxy().isPresent()
            ? AllocationCounter.start(route.target().baseUrl()) : Optional.empty();
        long sentBefore = client.requestsSent();
        CpuMeter simulator = CpuMeter.process(stand.simulatorProcess().pid());
        CpuMeter proxy = route.proxy().map(process -> CpuMeter.processTree(process.pid())).orElse(null);
        CpuMeter generator = CpuMeter.process(self);
        CpuMeter machine = CpuMeter.machine();
        LoadResult result = leg.run(route);
        double proxySeconds = proxy == null ? 0 : proxy.seconds();
        CpuUse cpu = new CpuUse(simulator.percent(), proxy == null ? 0 : proxy.percent(), generator.percent(),
            machine.percent(), proxySeconds, client.requestsSent() - sentBefore,
            allocation.flatMap(reading -> boxed(reading.bytesSince())).orElse(-1L));
        loads.computeIfAbsent(route.name(), name -> new ArrayList<>()).add(result);
        cpus.computeIfAbsent(route.name(), name -> new ArrayList<>()).add(cpu);
        progress.line("%s, round %d/%d, %s: %s completed/s, p50 %s ms, p99 %s ms, %d errors%s".formatted(label, round,
            rounds, route.name(), Formats.number(result.completedPerSecond()),
            Formats.ms(LatencySummary.ms(result.latency(), 50)), Formats.ms(LatencySummary.ms(result.latency(), 99)),
            result.errors(), result.errorSamples().isEmpty() ? "" : " (" + result.errorSamples().getFirst() + ")"));
      }
    }
    List<RouteResult> results = new ArrayList<>();
    loads.forEach((route, legs) -> results.add(
        new RouteResult(route, LoadResult.merge(legs), CpuUse.mean(cpus.get(route)))));
    return results;
  }

  /** The routes in round {@code round}'s order: the first stays first, the rest rotated by one place a round. */
  static <T> List<T> order(List<T> routes, int round) {
    if (routes.size() < 3) {
      return routes;
    }
    List<T> rest = new ArrayList<>(routes.subList(1, routes.size()));
    Collections.rotate(rest, -((round - 1) % rest.size()));
    List<T> order = new ArrayList<>(routes.size());
    order.add(routes.getFirst());
    order.addAll(rest);
    return order;
  }

  private static Optional<Long> boxed(OptionalLong value) {
    return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
  }
}
