package dev.claudebedrock.bench.report;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.suite.LatencyResult;
import dev.claudebedrock.bench.suite.Route;
import dev.claudebedrock.bench.suite.RouteResult;
import dev.claudebedrock.bench.suite.SuiteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Writes a suite's report: the page, its latency chart and the raw figures, side by side in one directory. */
public final class Report {
  public static final String PAGE = "benchmarks.md";
  public static final String CHART = "benchmarks-latency.svg";
  public static final String JSON = "benchmarks.json";

  private Report() {}

  /** Writes the three files into {@code directory} (created if needed); returns the targets as checked. */
  public static List<TargetCheck> write(Path directory, SuiteResult result, Machine machine, String loadAfter)
      throws IOException {
    List<TargetCheck> targets = DesignTargets.check(result);
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(CHART), LatencyChart.render(chartPanels(result)));
    Files.writeString(directory.resolve(JSON), JsonReport.render(result, machine, loadAfter, targets));
    Path page = directory.resolve(PAGE);
    String rendered = MarkdownPage.render(result, machine, loadAfter, targets, CHART, JSON);
    // A before/after comparison of two commits (scripts/bench-compare.sh) is not part of the suite: keep it.
    Optional<String> kept = Files.isRegularFile(page)
        ? BeforeAfterPage.keptBlock(Files.readString(page)) : Optional.empty();
    Files.writeString(page, kept.map(block -> rendered.stripTrailing() + "\n\n" + block).orElse(rendered));
    return targets;
  }

  /** One panel per body, at the rate the targets are stated at (or the closest below it). */
  private static List<LatencyChart.Panel> chartPanels(SuiteResult result) {
    List<LatencyChart.Panel> panels = new ArrayList<>();
    for (BodyKind body : BodyKind.values()) {
      result.latency().stream()
          .filter(run -> run.body() == body && run.rate() <= result.plan().targetRate())
          .max(Comparator.comparingDouble(LatencyResult::rate))
          .ifPresent(run -> panels.add(new LatencyChart.Panel(
              (body == BodyKind.SMALL ? "Small request, " : "Claude Code-sized request, ")
                  + Formats.number(run.rate()) + " requests/s",
              Stream.of(Route.DIRECT, Route.NGINX, Route.GATEWAY, Route.OPENAI, Route.GOVERNED, Route.TRACED,
                  Route.DIRECT_MANTLE, Route.GATEWAY_MANTLE)
                  .flatMap(name -> RouteResult.find(run.routes(), name).stream())
                  .map(route -> new LatencyChart.Series(route.route(), route.load().latency()))
                  .toList())));
    }
    return panels;
  }
}
