package dev.claudebedrock.bench.overload;

import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.Recording;

/**
 * One leg of the overload curve.
 *
 * @param load offered load as a multiple of capacity
 * @param rate offered requests per second
 * @param result what the load generator saw; its latency is that of the admitted (answered 200) requests
 * @param refusals the requests answered 529 and how long the refusal took
 * @param readyChecks {@code /health/ready} polls during the leg
 * @param notReady those answered 503
 */
public record LegResult(double load, double rate, LoadResult result, Recording.Refusals refusals, int readyChecks,
    int notReady) {

  /** The admitted requests' latency, ms. */
  public LatencySummary admitted() {
    return LatencySummary.of(result.latency());
  }

  /** The share of requests refused with 529. */
  public double refusedShare() {
    return result.sent() == 0 ? 0 : (double) refusals.count() / result.sent();
  }

  /** Failures other than 529: resets, timeouts, other statuses. */
  public long otherErrors() {
    return result.errors() - refusals.count();
  }
}
