package dev.claudebedrock.bench.load;

import org.HdrHistogram.Histogram;

/** The percentiles reported for a latency histogram, in milliseconds. */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double p9999, double max) {
  /** The summary of a histogram of microseconds. */
  public static LatencySummary of(Histogram micros) {
    return new LatencySummary(micros.getTotalCount(), ms(micros, 50), ms(micros, 90), ms(micros, 99), ms(micros, 99.9),
        ms(micros, 99.99), micros.getMaxValue() / 1000.0);
  }

  /** The value at a percentile, in milliseconds. */
  public static double ms(Histogram micros, double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** This summary less another, percentile by percentile (the count is this one's). */
  public LatencySummary minus(LatencySummary other) {
    return new LatencySummary(count, p50 - other.p50, p90 - other.p90, p99 - other.p99, p999 - other.p999,
        p9999 - other.p9999, max - other.max);
  }
}
