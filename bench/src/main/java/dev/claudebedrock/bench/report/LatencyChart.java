package dev.claudebedrock.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency-by-percentile curves as an SVG image, one panel per scenario: percentiles on the x axis spaced by
 * {@code log10(1 / (1 − p))} (so p90, p99, p99.9 and p99.99 are evenly apart, as HdrHistogram plots them), latency on
 * a logarithmic y axis.
 */
public final class LatencyChart {
  /** One curve: a route's histogram in microseconds. */
  public record Series(String name, Histogram micros) {}

  /** One panel: a title and its curves. */
  public record Panel(String title, List<Series> series) {
    public Panel {
      series = List.copyOf(series);
    }
  }

  private static final Map<String, String> COLOURS = Map.of(
      "direct", "#1f77b4", "nginx", "#7f7f7f", "gateway", "#e6550d", "gateway-governed", "#9467bd",
      "gateway-traced", "#8c564b", "gateway-openai", "#17becf");
  private static final String OTHER_COLOUR = "#2ca02c";
  private static final int PANEL_WIDTH = 470;
  private static final int PANEL_HEIGHT = 360;
  private static final int LEFT = 64;
  private static final int RIGHT = 30;
  private static final int TOP = 56;
  private static final int BOTTOM = 52;
  private static final double NINES = 4;
  private static final int POINTS = 160;
  private static final String[] X_LABELS = {"p0", "p90", "p99", "p99.9", "p99.99"};

  private LatencyChart() {}

  public static String render(List<Panel> panels) {
    int width = PANEL_WIDTH * panels.size();
    StringBuilder svg = new StringBuilder();
    svg.append(("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
        + "font-family=\"sans-serif\" font-size=\"12\">\n").formatted(width, PANEL_HEIGHT, width, PANEL_HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    for (int i = 0; i < panels.size(); i++) {
      panel(svg, panels.get(i), i * PANEL_WIDTH);
    }
    return svg.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder svg, Panel panel, int left) {
    double plotLeft = left + LEFT;
    double plotRight = left + PANEL_WIDTH - RIGHT;
    double plotTop = TOP;
    double plotBottom = PANEL_HEIGHT - BOTTOM;
    double low = Double.MAX_VALUE;
    double high = 0;
    for (Series series : panel.series()) {
      low = Math.min(low, Math.max(1, series.micros().getValueAtPercentile(0)) / 1000.0);
      high = Math.max(high, series.micros().getValueAtPercentile(percentile(NINES)) / 1000.0);
    }
    double bottomDecade = Math.floor(Math.log10(Math.max(low, 0.001)));
    double topDecade = Math.max(bottomDecade + 1, Math.ceil(Math.log10(Math.max(high, 0.001))));
    Scale x = new Scale(0, NINES, plotLeft, plotRight);
    Scale y = new Scale(bottomDecade, topDecade, plotBottom, plotTop);

    svg.append(text(left + PANEL_WIDTH / 2.0, 20, "middle", "bold", panel.title()));
    for (double decade = bottomDecade; decade <= topDecade; decade++) {
      for (int step : new int[] {1, 2, 5}) {
        double value = step * Math.pow(10, decade);
        double level = Math.log10(value);
        if (level > topDecade + 1e-9) {
          break;
        }
        double at = y.map(level);
        svg.append(line(plotLeft, at, plotRight, at, step == 1 ? "#cccccc" : "#eeeeee"));
        svg.append(text(plotLeft - 6, at + 4, "end", "normal", number(value)));
      }
    }
    for (int nines = 0; nines <= NINES; nines++) {
      double at = x.map(nines);
      svg.append(line(at, plotTop, at, plotBottom, "#cccccc"));
      svg.append(text(at, plotBottom + 18, "middle", "normal", X_LABELS[nines]));
    }
    svg.append(text((plotLeft + plotRight) / 2, PANEL_HEIGHT - 12, "middle", "normal", "percentile"));
    svg.append("<text transform=\"translate(%s,%s) rotate(-90)\" text-anchor=\"middle\">latency, ms</text>\n"
        .formatted(fmt(left + 16), fmt((plotTop + plotBottom) / 2)));
    svg.append("<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"none\" stroke=\"#888888\"/>\n"
        .formatted(fmt(plotLeft), fmt(plotTop), fmt(plotRight - plotLeft), fmt(plotBottom - plotTop)));

    double legendX = plotLeft;
    for (Series series : panel.series()) {
      String colour = COLOURS.getOrDefault(series.name(), OTHER_COLOUR);
      StringBuilder points = new StringBuilder();
      for (int i = 0; i <= POINTS; i++) {
        double nines = NINES * i / POINTS;
        double ms = Math.max(series.micros().getValueAtPercentile(percentile(nines)) / 1000.0,
            Math.pow(10, bottomDecade));
        points.append(fmt(x.map(nines))).append(',').append(fmt(y.map(Math.log10(ms)))).append(' ');
      }
      svg.append("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n"
          .formatted(colour, points.toString().trim()));
      svg.append(line(legendX, 38, legendX + 22, 38, colour, 3));
      svg.append(text(legendX + 28, 42, "start", "normal", series.name()));
      legendX += 40 + 7 * series.name().length();
    }
  }

  /** The percentile {@code nines} "nines" deep: 0 → 0, 1 → 90, 2 → 99, … */
  private static double percentile(double nines) {
    return 100 * (1 - Math.pow(10, -nines));
  }

  private record Scale(double from, double to, double start, double end) {
    double map(double value) {
      return start + (value - from) / (to - from) * (end - start);
    }
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return line(x1, y1, x2, y2, colour, 1);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour, int width) {
    return "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>\n"
        .formatted(fmt(x1), fmt(y1), fmt(x2), fmt(y2), colour, width);
  }

  private static String text(double x, double y, String anchor, String weight, String content) {
    return "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>\n"
        .formatted(fmt(x), fmt(y), anchor, weight, content.replace("&", "&amp;").replace("<", "&lt;"));
  }

  /** A grid value (1, 2 or 5 times a power of ten) without float noise: {@code 0.002}, {@code 50}. */
  private static String number(double value) {
    return BigDecimal.valueOf(value).round(new MathContext(1)).stripTrailingZeros().toPlainString();
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
