package dev.claudebedrock.bench.report;

import dev.claudebedrock.bench.load.LatencySummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** Number formats shared by the console output and the report: dot decimals whatever the locale. */
public final class Formats {
  private Formats() {}

  /** Milliseconds with three decimals (microsecond resolution): {@code 0.412}. */
  public static String ms(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis);
  }

  /** A signed difference in milliseconds: {@code +0.105}, {@code −0.020}. */
  public static String signedMs(double millis) {
    return String.format(Locale.ROOT, "%+.3f", millis);
  }

  /** A count or rate: grouped thousands, at most one decimal, none for whole numbers ({@code 1,000}, {@code 812.5}). */
  public static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%,.1f", value);
  }

  /** A ratio as a percentage with one decimal: {@code 63.2 %}. */
  public static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  /** Seconds with up to three decimals: {@code 5}, {@code 0.25}. */
  public static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  /** A one-line list of percentiles in milliseconds. */
  public static String percentiles(LatencySummary s) {
    return "p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s  (%d samples)".formatted(ms(s.p50()), ms(s.p90()),
        ms(s.p99()), ms(s.p999()), ms(s.p9999()), ms(s.max()), s.count());
  }
}
