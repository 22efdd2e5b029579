package dev.claudebedrock.bench.suite;

import java.util.List;

/** Paced streams opened at a constant rate: each route's time to first event and per-event delay. */
public record StreamingResult(double rate, int tokens, double tokensPerSecond, List<RouteResult> routes) {
  public StreamingResult {
    routes = List.copyOf(routes);
  }
}
