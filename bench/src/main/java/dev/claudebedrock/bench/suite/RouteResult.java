package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.LoadResult;
import java.util.List;
import java.util.Optional;

/** What one route measured in a scenario, all its legs merged, with the CPU it cost. */
public record RouteResult(String route, LoadResult load, CpuUse cpu) {
  /** The result of the named route, if it was measured (nginx may be missing). */
  public static Optional<RouteResult> find(List<RouteResult> results, String route) {
    return results.stream().filter(result -> result.route().equals(route)).findFirst();
  }

  /** The result of the named route; it must have been measured. */
  public static RouteResult get(List<RouteResult> results, String route) {
    return find(results, route).orElseThrow(() -> new IllegalStateException("no " + route + " figures"));
  }
}
