package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import java.util.List;

/** Non-streaming requests at a constant rate: each route's latency. */
public record LatencyResult(BodyKind body, double rate, List<RouteResult> routes) {
  public LatencyResult {
    routes = List.copyOf(routes);
  }
}
