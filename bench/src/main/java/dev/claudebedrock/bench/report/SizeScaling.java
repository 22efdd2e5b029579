package dev.claudebedrock.bench.report;

import dev.claudebedrock.bench.load.Api;
import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.RequestBodies;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.suite.LatencyResult;
import dev.claudebedrock.bench.suite.Route;
import dev.claudebedrock.bench.suite.RouteResult;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The size-scaling figures: per body size, what the gateway (and nginx) add to the direct route, and how fast the
 * gateway's added median grows per megabyte of body (a least-squares line through the sizes).
 */
final class SizeScaling {
  private SizeScaling() {}

  /** One body size's figures. */
  record Row(LatencyResult run, int bodyBytes, LatencySummary direct, LatencySummary gateway,
      LatencySummary gatewayAdded, Optional<LatencySummary> nginxAdded, double gatewayCpu) {}

  static List<Row> rows(List<LatencyResult> runs) {
    return runs.stream().map(SizeScaling::row).toList();
  }

  private static Row row(LatencyResult run) {
    int bytes = RequestBodies.payload(Api.ANTHROPIC, "claude-sonnet-5-5", new Workload(run.body(), false, 20))
        .body().length;
    LatencySummary direct = LatencySummary.of(RouteResult.get(run.routes(), Route.DIRECT).load().latency());
    RouteResult gateway = RouteResult.get(run.routes(), Route.GATEWAY);
    LatencySummary through = LatencySummary.of(gateway.load().latency());
    Optional<LatencySummary> nginx = RouteResult.find(run.routes(), Route.NGINX)
        .map(route -> LatencySummary.of(route.load().latency()).minus(direct));
    return new Row(run, bytes, direct, through, through.minus(direct), nginx, gateway.cpu().proxy());
  }

  /** Milliseconds the gateway's added median grows by per megabyte (10^6 bytes); empty with fewer than two sizes. */
  static OptionalDouble addedMedianPerMegabyte(List<Row> rows) {
    if (rows.size() < 2) {
      return OptionalDouble.empty();
    }
    double meanX = rows.stream().mapToDouble(row -> row.bodyBytes() / 1e6).average().orElseThrow();
    double meanY = rows.stream().mapToDouble(row -> row.gatewayAdded().p50()).average().orElseThrow();
    double covariance = 0;
    double variance = 0;
    for (Row row : rows) {
      double x = row.bodyBytes() / 1e6 - meanX;
      covariance += x * (row.gatewayAdded().p50() - meanY);
      variance += x * x;
    }
    return variance == 0 ? OptionalDouble.empty() : OptionalDouble.of(covariance / variance);
  }
}
