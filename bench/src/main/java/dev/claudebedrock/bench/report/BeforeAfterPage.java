package dev.claudebedrock.bench.report;

import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.suite.BeforeAfter;
import dev.claudebedrock.bench.suite.LatencyResult;
import dev.claudebedrock.bench.suite.Route;
import dev.claudebedrock.bench.suite.RouteResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * A before/after comparison as Markdown: for each load, the direct route and the two gateways, then this build less
 * the baseline at each percentile and in CPU per request, ready to paste into docs/benchmarks.md.
 */
public final class BeforeAfterPage {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final List<String> ROUTES = List.of(Route.DIRECT, Route.BASELINE, Route.GATEWAY);
  /** Where the section starts in the benchmark page, which keeps it when the suite rewrites the page. */
  static final String BEGIN = "<!-- before-after: written by scripts/bench-compare.sh --page, kept by scripts/bench.sh -->";
  static final String END = "<!-- /before-after -->";
  private static final String HEADING = "## Before and after\n\n";

  private BeforeAfterPage() {}

  /** {@code page} with its before/after section replaced by {@code section}, or the section appended. */
  public static String placeInto(String page, String section) {
    String block = BEGIN + "\n" + HEADING + section.stripTrailing() + "\n" + END + "\n";
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin >= 0 && end > begin) {
      return page.substring(0, begin) + block + page.substring(end + END.length()).replaceFirst("^\n", "");
    }
    return page.stripTrailing() + "\n\n" + block;
  }

  /** The before/after section of {@code page} with its markers, if it has one. */
  public static Optional<String> keptBlock(String page) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    return begin >= 0 && end > begin
        ? Optional.of(page.substring(begin, end + END.length()) + "\n")
        : Optional.empty();
  }

  /** The section for {@code result}; {@code baseline} and {@code current} name the two commits. */
  public static String render(BeforeAfter.Result result, Machine machine, String loadAfter, String baseline,
      String current) {
    StringBuilder page = new StringBuilder();
    page.append("Measured by `scripts/bench-compare.sh ").append(baseline).append("` on ")
        .append(DATE.format(machine.date())).append(" (the run took ").append(Formats.seconds(result.took()))
        .append(" s): ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
        .append(machine.os()).append(", ").append(machine.jdk()).append("; load average before ")
        .append(machine.loadBefore()).append(", after ").append(loadAfter).append(". **")
        .append(Route.BASELINE).append("** is the gateway built from `").append(baseline).append("`, **")
        .append(Route.GATEWAY).append("** the one built from `").append(current)
        .append("`, both with the image's JVM options and the default configuration, in front of the same ")
        .append("simulator; legs of ").append(Formats.seconds(result.plan().legMeasure())).append(" s alternate ")
        .append("between the routes, direct first and the two gateways taking turns in second place, ")
        .append(result.plan().rounds())
        .append(result.plan().rounds() == 1 ? " round" : " rounds").append(". *Change* is ")
        .append(Route.GATEWAY).append(" less ").append(Route.BASELINE).append(". Milliseconds; CPU per request is ")
        .append("the gateway process's CPU time during its legs divided by the requests it completed.\n\n");
    for (LatencyResult latency : result.latency()) {
      page.append("**").append(latency.body().label()).append(" body, ").append(Formats.number(latency.rate()))
          .append(" requests/s**\n\n");
      page.append(table(latency.routes(), LoadResult::latency)).append('\n');
    }
    page.append("**Streams, ").append(Formats.number(result.streaming().rate())).append(" streams/s of ")
        .append(result.streaming().tokens()).append(" events**: time to first event\n\n");
    page.append(table(result.streaming().routes(), LoadResult::firstEvent)).append('\n');
    page.append("and each event's delay after its due time\n\n");
    page.append(table(result.streaming().routes(), LoadResult::eventDelay));
    return page.toString();
  }

  private static String table(List<RouteResult> routes, Function<LoadResult, Histogram> histogram) {
    MarkdownTable table = new MarkdownTable("lrrrrrrrr", "Route", "p50", "p90", "p99", "p99.9", "Achieved/s",
        "Errors", "Gateway CPU", "CPU µs/request");
    for (String name : ROUTES) {
      RouteResult.find(routes, name).ifPresent(route -> {
        LatencySummary s = LatencySummary.of(histogram.apply(route.load()));
        boolean direct = name.equals(Route.DIRECT);
        table.row(name, Formats.ms(s.p50()), Formats.ms(s.p90()), Formats.ms(s.p99()), Formats.ms(s.p999()),
            Formats.number(Math.round(route.load().completedPerSecond() * 10) / 10.0),
            Long.toString(route.load().errors()), direct ? "" : Formats.number(Math.round(route.cpu().proxy())) + " %",
            direct ? "" : Formats.number(Math.round(cpuMicrosPerRequest(route))));
      });
    }
    RouteResult before = RouteResult.get(routes, Route.BASELINE);
    RouteResult after = RouteResult.get(routes, Route.GATEWAY);
    LatencySummary change = LatencySummary.of(histogram.apply(after.load()))
        .minus(LatencySummary.of(histogram.apply(before.load())));
    table.row("*change*", Formats.signedMs(change.p50()), Formats.signedMs(change.p90()),
        Formats.signedMs(change.p99()), Formats.signedMs(change.p999()), "", "", "",
        String.format(Locale.ROOT, "%+d",
            Math.round(cpuMicrosPerRequest(after) - cpuMicrosPerRequest(before))));
    return table.render();
  }

  /** Mean CPU (percent of one core) over the legs, as microseconds per completed request. */
  private static double cpuMicrosPerRequest(RouteResult route) {
    double perSecond = route.load().completedPerSecond();
    return perSecond > 0 ? route.cpu().proxy() / 100 * 1_000_000 / perSecond : 0;
  }
}
