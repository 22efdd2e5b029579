package dev.claudebedrock.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.bench.report.BeforeAfterPage;
import dev.claudebedrock.bench.report.Machine;
import dev.claudebedrock.bench.run.TestRepository;
import dev.claudebedrock.bench.run.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The before/after comparison for a moment, with this build's jars on both sides (what `scripts/bench-compare.sh`
 * builds from another commit): both gateways start, every leg produces numbers without errors, and the page has a
 * change row per table. No figure is compared with any bound.
 */
class BeforeAfterSmokeTest {
  @TempDir
  Path work;

  @Test
  void bothGatewaysAreMeasuredOnEveryLoadAndThePageEndsEachTableWithTheChange() throws InterruptedException {
    Tools tools = TestRepository.tools().withoutNginx();
    BeforeAfter.Result result = BeforeAfter.run(tools, tools, BeforeAfter.plan(true, OptionalInt.empty()),
        BeforeAfter.Legs.ALL, work,
        new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

    List<String> routes = List.of(Route.DIRECT, Route.GATEWAY, Route.BASELINE);
    assertThat(result.latency()).hasSize(2);
    for (LatencyResult latency : result.latency()) {
      assertMeasured(latency.routes(), routes, latency.body() + " at " + latency.rate());
    }
    assertMeasured(result.streaming().routes(), routes, "streaming");

    String page = BeforeAfterPage.render(result, Machine.describe(TestRepository.root(), Optional.empty()),
        Machine.loadAverage(), "before", "after");
    assertThat(page).contains("scripts/bench-compare.sh before", "**small body, 100 requests/s**",
        "**claude-code body, 100 requests/s**", "time to first event", "| gateway-baseline |");
    assertThat(page.lines().filter(line -> line.startsWith("| *change* |"))).hasSize(4);
  }

  @Test
  void theStreamsOnlyComparisonRunsPacedStreamsAloneForTheRoundsAskedFor() throws InterruptedException {
    Tools tools = TestRepository.tools().withoutNginx();
    BeforeAfter.Result result = BeforeAfter.run(tools, tools, BeforeAfter.plan(true, OptionalInt.of(1)),
        BeforeAfter.Legs.STREAMS, work,
        new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

    assertThat(result.plan().rounds()).isEqualTo(1);
    assertThat(result.latency()).isEmpty();
    assertMeasured(result.streaming().routes(), List.of(Route.DIRECT, Route.GATEWAY, Route.BASELINE), "streaming");
    String page = BeforeAfterPage.render(result, Machine.describe(TestRepository.root(), Optional.empty()),
        Machine.loadAverage(), "before", "after");
    assertThat(page).contains("1 round.", "time to first event").doesNotContain("requests/s**");
    assertThat(page.lines().filter(line -> line.startsWith("| *change* |"))).hasSize(2);
  }

  private static void assertMeasured(List<RouteResult> results, List<String> routes, String scenario) {
    assertThat(results).extracting(RouteResult::route).as(scenario).containsExactlyInAnyOrderElementsOf(routes);
    for (RouteResult route : results) {
      assertThat(route.load().errors()).as("%s errors on %s: %s", scenario, route.route(), route.load().errorSamples())
          .isZero();
      assertThat(route.load().completed()).as("%s completed on %s", scenario, route.route()).isPositive();
    }
  }
}
