package dev.claudebedrock.bench.suite;

import java.util.List;

/** Closed-loop load: the throughput each route sustains with {@code concurrency} requests in flight. */
public record SaturationResult(int concurrency, List<RouteResult> routes) {
  public SaturationResult {
    routes = List.copyOf(routes);
  }
}
