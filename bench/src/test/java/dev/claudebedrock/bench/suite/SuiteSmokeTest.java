package dev.claudebedrock.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudebedrock.bench.cli.SuiteCommand;
import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.report.Report;
import dev.claudebedrock.bench.run.TestRepository;
import dev.claudebedrock.bench.run.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario for a moment against real processes, so the suite cannot rot: each produced numbers without
 * errors, and the report was written. No figure is compared with any bound: timings belong to the benchmark.
 * Without nginx the baseline route is left out, unless {@code REQUIRE_TOOLS=1} (CI) says it must be there.
 */
class SuiteSmokeTest {
  @TempDir
  Path out;

  @Test
  void everyScenarioProducesNumbersAndTheReportIsWritten() throws IOException, InterruptedException {
    Tools tools = TestRepository.tools();
    if (tools.nginx().isEmpty() && "1".equals(System.getenv("REQUIRE_TOOLS"))) {
      throw new AssertionError("nginx is not installed (apt-get install nginx-light), and REQUIRE_TOOLS=1 says it "
          + "must be");
    }
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    SuiteResult result = SuiteCommand.run(tools, SuitePlan.quick(), true, TestRepository.root(), out,
        new PrintStream(console, true, StandardCharsets.UTF_8));

    List<String> routes = new ArrayList<>(List.of(Route.DIRECT, Route.GATEWAY, Route.OPENAI, Route.DIRECT_MANTLE,
        Route.GATEWAY_MANTLE));
    tools.nginx().ifPresent(nginx -> routes.add(Route.NGINX));
    List<String> withGovernance = new ArrayList<>(routes);
    withGovernance.add(Route.GOVERNED);
    withGovernance.add(Route.TRACED);
    for (LatencyResult latency : result.latency()) {
      assertMeasured(latency.routes(), withGovernance, "non-streaming " + latency.body() + " at " + latency.rate());
    }
    assertMeasured(result.saturation().routes(), withGovernance, "saturation");
    List<String> sizeRoutes = new ArrayList<>(List.of(Route.DIRECT, Route.GATEWAY));
    tools.nginx().ifPresent(nginx -> sizeRoutes.add(Route.NGINX));
    assertThat(result.sizeScaling()).extracting(LatencyResult::body).containsExactlyElementsOf(BodyKind.SIZES);
    for (LatencyResult size : result.sizeScaling()) {
      assertMeasured(size.routes(), sizeRoutes, "size scaling, " + size.body().label());
    }
    assertMeasured(result.streaming().routes(), routes, "streaming");
    for (RouteResult route : result.streaming().routes()) {
      assertThat(route.load().firstEvent().getTotalCount()).as("first events of " + route.route()).isPositive();
      int around = route.route().equals(Route.OPENAI) ? 3 : 5;
      assertThat(route.load().eventDelay().getTotalCount()).as("event delays of " + route.route())
          .isEqualTo(route.load().completed() * (result.plan().streamTokens() + around));
    }
    List<String> rateRoutes = new ArrayList<>(List.of(Route.DIRECT, Route.GATEWAY, Route.GATEWAY_H2));
    tools.nginx().ifPresent(nginx -> rateRoutes.add(Route.NGINX));
    assertThat(result.streamRates().rates()).isNotEmpty();
    for (StreamingResult rate : result.streamRates().rates()) {
      assertMeasured(rate.routes(), rateRoutes, "streams at " + rate.rate() + "/s");
    }
    for (ConcurrentStreamsResult held : result.concurrentStreams()) {
      assertThat(held.load().errors()).as("errors in %d streams: %s", held.streams(), held.load().errorSamples())
          .isZero();
      assertThat(held.load().completed()).isEqualTo(held.streams());
      assertThat(held.peakRssBytes()).isPositive();
    }
    assertThat(result.startup().plain()).isNotEmpty();
    assertThat(result.startup().aot().isEmpty()).isEqualTo(Runtime.version().feature() < 25);
    assertThat(result.startup().idleRssBytes()).isPositive();

    String page = Files.readString(out.resolve(Report.PAGE));
    assertThat(page).contains("## Targets (ARCHITECTURE.md, \"Performance targets\")",
        "Start to ready ≤ 0.5 s with the AOT cache",
        "Idle RSS ≤ 100 MB", "Throughput at saturation", "Quick run", "(" + Report.CHART + ")", "*governance added*",
        "Governance on (a key with limits and a budget)", "Tracing on (every span exported over OTLP)",
        "gateway-traced", "*OpenAI front added*", "## Streams at rising rates", "*gateway-h2 added*",
        "OpenAI front door (Chat Completions translated both ways)", "## CPU and allocation per request",
        "CPU µs/request", "## Body-size scaling", "2 MB Claude Code conversation",
        "Added median grows ≤ 0.5 ms per MB of body");
    assertThat(Files.readString(out.resolve(Report.CHART))).startsWith("<svg").contains("<polyline");
    assertThat(new ObjectMapper().readTree(out.resolve(Report.JSON).toFile()).path("targets").size()).isEqualTo(18);
  }

  private static void assertMeasured(List<RouteResult> results, List<String> routes, String scenario) {
    assertThat(results).extracting(RouteResult::route).as(scenario).containsExactlyInAnyOrderElementsOf(routes);
    for (RouteResult route : results) {
      LoadResult load = route.load();
      assertThat(load.errors()).as("%s, %s: errors %s", scenario, route.route(), load.errorSamples()).isZero();
      assertThat(load.completed()).as("%s, %s: completed", scenario, route.route()).isPositive();
      assertThat(load.latency().getTotalCount()).as("%s, %s: latencies", scenario, route.route())
          .isEqualTo(load.completed());
      assertThat(route.cpu().requests()).as("%s, %s: requests sent over the legs", scenario, route.route())
          .isGreaterThanOrEqualTo(load.completed());
      if (route.route().startsWith(Route.GATEWAY)) {
        assertThat(route.cpu().proxyMicrosPerRequest()).as("%s, %s: CPU per request", scenario, route.route())
            .isPositive();
        assertThat(route.cpu().proxyBytesPerRequest()).as("%s, %s: bytes per request", scenario, route.route())
            .isPositive();
      } else if (route.route().startsWith(Route.DIRECT)) {
        assertThat(route.cpu().proxyMicrosPerRequest()).as("%s, %s: no proxy", scenario, route.route()).isNegative();
      }
    }
  }
}
