package dev.claudebedrock.bench.report;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.report.TargetCheck.Verdict;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.suite.ConcurrentStreamsResult;
import dev.claudebedrock.bench.suite.LatencyResult;
import dev.claudebedrock.bench.suite.Route;
import dev.claudebedrock.bench.suite.RouteResult;
import dev.claudebedrock.bench.suite.SizeScalingScenario;
import dev.claudebedrock.bench.suite.StartupResult;
import dev.claudebedrock.bench.suite.SuitePlan;
import dev.claudebedrock.bench.suite.SuiteResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/** {@code docs/benchmarks.md}: the targets first, then the machine, then one table per scenario. */
final class MarkdownPage {
  private static final List<String> ROUTES = List.of(Route.DIRECT, Route.NGINX, Route.GATEWAY, Route.OPENAI,
      Route.GOVERNED, Route.TRACED, Route.DIRECT_MANTLE, Route.GATEWAY_MANTLE);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final SuiteResult result;
  private final SuitePlan plan;
  private final StringBuilder page = new StringBuilder();

  private MarkdownPage(SuiteResult result) {
    this.result = result;
    this.plan = result.plan();
  }

  static String render(SuiteResult result, Machine machine, String loadAfter, List<TargetCheck> targets,
      String chartFile, String jsonFile) {
    MarkdownPage page = new MarkdownPage(result);
    page.introduction(machine, jsonFile);
    page.targets(targets);
    page.machine(machine, loadAfter);
    page.latency(chartFile);
    page.sizeScaling();
    page.streaming();
    page.page.append(StreamRatesSection.render(result.streamRates(), result.plan().rounds(),
        Formats.seconds(result.plan().legMeasure())));
    page.saturation();
    page.perRequest();
    page.concurrentStreams();
    page.startup();
    page.method();
    return page.page.toString();
  }

  private void introduction(Machine machine, String jsonFile) {
    page.append("# Benchmarks\n\n");
    page.append("Measured by `scripts/bench.sh` on ").append(DATE.format(machine.date())).append(" (the run took ")
        .append(Formats.number(Math.round(result.wallTime().toSeconds() / 6.0) / 10.0)).append(" min). ")
        .append("Every figure compares, in the same run on the same machine, three routes to the Bedrock simulator: ")
        .append("**direct** (client → simulator, the Bedrock request itself), **gateway** (client → gateway → ")
        .append("simulator, the Anthropic request; the gateway translates it and signs it with SigV4) and **nginx** ")
        .append("(client → nginx → simulator, the Bedrock request: what one bare HTTP hop costs here). ")
        .append("The routes take turns, so drift of the machine falls on all of them alike. ")
        .append("Raw figures and histograms: [").append(jsonFile).append("](").append(jsonFile).append(").\n\n");
    if (result.quick()) {
      page.append("> **Quick run** (`--quick`): every scenario ran for a moment only. These numbers show that the ")
          .append("suite works; they are not measurements.\n\n");
    }
    if (!result.nginx()) {
      page.append("> The nginx baseline was left out of this run: nginx was not installed (`apt-get install ")
          .append("nginx-light`) or `--no-nginx` was given.\n\n");
    }
  }

  private void targets(List<TargetCheck> targets) {
    page.append("## Targets (ARCHITECTURE.md, \"Performance targets\")\n\n");
    MarkdownTable table = new MarkdownTable("lrll", "Target", "Measured", "Verdict", "How");
    targets.forEach(check -> table.row(check.target(), check.measured(), check.verdict().label(), check.note()));
    page.append(table.render()).append('\n');
    long measured = targets.stream().filter(check -> check.verdict() != Verdict.NOT_MEASURED).count();
    long met = targets.stream().filter(check -> check.verdict() == Verdict.MET).count();
    page.append("%d of the %d targets measured here are met.\n\n".formatted(met, measured));
  }

  private void machine(Machine machine, String loadAfter) {
    page.append("## Machine and settings\n\n");
    MarkdownTable table = new MarkdownTable("ll", "", "");
    table.row("Machine", "%s, %d cores, %s GiB RAM".formatted(machine.cpu(), machine.cores(),
        Formats.number(Math.round(10.0 * machine.memoryBytes() / (1L << 30)) / 10.0)));
    table.row("System", machine.os());
    table.row("Load average (1, 5, 15 min)", "before " + machine.loadBefore() + "; after " + loadAfter);
    table.row("JDK", machine.jdk());
    table.row("Commit", "`" + machine.commit() + "`");
    table.row("Gateway", "`java " + String.join(" ", Launcher.PRODUCTION_JVM_FLAGS) + " "
        + String.join(" ", Launcher.CONTAINER_LIMIT_FLAGS)
        + " -jar claude-bedrock-proxy.jar`: the image's JVM options, and the 4 GB memory limit of "
        + "docker-compose.prod.yml as the JVM would read it from the container; default configuration (access log "
        + "on, one JSON line per request, to a file), HTTP/1.1 to the simulator");
    table.row("Simulator", "`java -jar bedrock-sim.jar --record-limit 0 --tokens-per-second N` (JVM defaults)");
    table.row("nginx", result.nginx() ? machine.nginx() + "; `proxy_buffering off`, `proxy_request_buffering off`, "
        + "HTTP/1.1 keep-alive upstream, `worker_processes auto`, no access log" : "not installed");
    table.row("Load generator", "this jar: Vert.x 5, two event loops, keep-alive; JVM flags `"
        + String.join(" ", machine.benchJvmFlags()) + "`");
    page.append(table.render()).append('\n');
  }

  private void latency(String chartFile) {
    page.append("## Non-streaming latency\n\n");
    page.append(("Open loop: requests leave at a constant rate whatever the answers, and each latency counts from the "
        + "moment its request was due (coordinated omission corrected), to the last byte of the answer; %d reply "
        + "tokens. Each route ran %d × %s s (after %s s unrecorded) per rate. *Added* is gateway (or nginx) minus "
        + "direct at the same percentile; *governance added* is **gateway-governed** (a second gateway with "
        + "governance on: a SQLite store and ledger, called with a key that has rate limits and a budget) minus "
        + "**gateway** (the plain token, governance off); **gateway-traced** is a third gateway with OpenTelemetry "
        + "tracing on, exporting every span over OTLP/HTTP to a sink on loopback (off, tracing is not installed: "
        + "**gateway** is the tracing-off figure); **gateway-openai** is the plain gateway called through its "
        + "OpenAI-compatible front door (`/v1/chat/completions`, the same conversation as a Chat Completions "
        + "body), and *OpenAI front added* is it minus **gateway**. *Proxy CPU* is the gateway's or nginx's mean CPU during its legs "
        + "(100 %% = one core). Milliseconds.\n\n").formatted(plan.replyTokens(), plan.rounds(),
            Formats.seconds(plan.legMeasure()), Formats.seconds(plan.legWarmup())));
    for (BodyKind body : BodyKind.values()) {
      List<LatencyResult> runs = result.latency().stream().filter(run -> run.body() == body).toList();
      if (runs.isEmpty()) {
        continue;
      }
      page.append("**").append(body == BodyKind.SMALL ? "Small request" : "Claude Code-sized request (about 50 KB)")
          .append("**\n\n");
      MarkdownTable table = new MarkdownTable("llrrrrrrr", "Rate", "Route", "p50", "p90", "p99", "p99.9",
          "Achieved req/s", "Errors", "Proxy CPU");
      for (LatencyResult run : runs) {
        String rate = Formats.number(run.rate()) + "/s";
        for (RouteResult route : ordered(run.routes())) {
          LatencySummary s = LatencySummary.of(route.load().latency());
          table.row(rate, route.route(), Formats.ms(s.p50()), Formats.ms(s.p90()), Formats.ms(s.p99()),
              Formats.ms(s.p999()), Formats.number(route.load().completedPerSecond()),
              Long.toString(route.load().errors()), proxyCpu(route));
        }
        for (String proxy : List.of(Route.GATEWAY, Route.NGINX)) {
          added(run.routes(), proxy, LoadResult::latency).ifPresent(s -> table.row(rate, "*" + proxy + " added*",
              Formats.signedMs(s.p50()), Formats.signedMs(s.p90()), Formats.signedMs(s.p99()),
              Formats.signedMs(s.p999()), "", "", ""));
        }
        governanceAdded(run.routes()).ifPresent(s -> table.row(rate, "*governance added*",
            Formats.signedMs(s.p50()), Formats.signedMs(s.p90()), Formats.signedMs(s.p99()),
            Formats.signedMs(s.p999()), "", "", ""));
        overGateway(run.routes(), Route.OPENAI, LoadResult::latency).ifPresent(s -> table.row(rate,
            "*OpenAI front added*", Formats.signedMs(s.p50()), Formats.signedMs(s.p90()), Formats.signedMs(s.p99()),
            Formats.signedMs(s.p999()), "", "", ""));
      }
      page.append(table.render()).append('\n');
    }
    page.append("![Latency by percentile, non-streaming at ").append(Formats.number(plan.targetRate()))
        .append(" requests/s](").append(chartFile).append(")\n\n");
  }

  private void streaming() {
    var streaming = result.streaming();
    page.append("## Streaming\n\n");
    page.append(("%s new streams per second, each %d text deltas (%d events) paced by the simulator at %s tokens/s, "
        + "so about %s streams are open at once. *First event*: from the moment the request was due to the first "
        + "event (`message_start`). *Event delay*: each event's arrival after the request was due, less the time "
        + "the simulator's pacing held it back, over every event of every stream; the gateway's figure less the "
        + "direct one is what forwarding adds to each event (including what it adds before the first). Milliseconds."
        + "\n\n").formatted(Formats.number(streaming.rate()), streaming.tokens(), streaming.tokens() + 5,
            Formats.number(streaming.tokensPerSecond()),
            Formats.number(Math.round(streaming.rate() * streaming.tokens() / streaming.tokensPerSecond()))));
    MarkdownTable table = new MarkdownTable("lrrrrrrrr", "Route", "First event p50", "First event p99",
        "Event delay p50", "Event delay p99", "Event delay p99.9", "Streams", "Errors", "Proxy CPU");
    for (RouteResult route : ordered(streaming.routes())) {
      LatencySummary first = LatencySummary.of(route.load().firstEvent());
      LatencySummary delay = LatencySummary.of(route.load().eventDelay());
      table.row(route.route(), Formats.ms(first.p50()), Formats.ms(first.p99()), Formats.ms(delay.p50()),
          Formats.ms(delay.p99()), Formats.ms(delay.p999()), Formats.number(route.load().completed()),
          Long.toString(route.load().errors()), proxyCpu(route));
    }
    for (String proxy : List.of(Route.GATEWAY, Route.NGINX)) {
      Optional<LatencySummary> first = added(streaming.routes(), proxy, LoadResult::firstEvent);
      Optional<LatencySummary> delay = added(streaming.routes(), proxy, LoadResult::eventDelay);
      if (first.isPresent() && delay.isPresent()) {
        table.row("*" + proxy + " added*", Formats.signedMs(first.get().p50()), Formats.signedMs(first.get().p99()),
            Formats.signedMs(delay.get().p50()), Formats.signedMs(delay.get().p99()),
            Formats.signedMs(delay.get().p999()), "", "", "");
      }
    }
    Optional<LatencySummary> openAiFirst = overGateway(streaming.routes(), Route.OPENAI, LoadResult::firstEvent);
    Optional<LatencySummary> openAiDelay = overGateway(streaming.routes(), Route.OPENAI, LoadResult::eventDelay);
    if (openAiFirst.isPresent() && openAiDelay.isPresent()) {
      table.row("*OpenAI front added*", Formats.signedMs(openAiFirst.get().p50()),
          Formats.signedMs(openAiFirst.get().p99()), Formats.signedMs(openAiDelay.get().p50()),
          Formats.signedMs(openAiDelay.get().p99()), Formats.signedMs(openAiDelay.get().p999()), "", "", "");
    }
    page.append(table.render()).append('\n');
  }

  private void saturation() {
    var saturation = result.saturation();
    page.append("## Saturation\n\n");
    page.append(("Closed loop: %d small non-streaming requests always in flight, each route %d × %s s. The load "
        + "generator, the simulator and (on its routes) the proxy share the %d cores, so the direct route gets the "
        + "most CPU for the simulator. CPU in %% of one core, means over the legs; *machine* counts every process on "
        + "the machine, so what it has beyond the three others is work that was not this run's.\n\n").formatted(
            saturation.concurrency(), plan.rounds(), Formats.seconds(plan.legMeasure()),
            Runtime.getRuntime().availableProcessors()));
    double direct = RouteResult.get(saturation.routes(), Route.DIRECT).load().completedPerSecond();
    MarkdownTable table = new MarkdownTable("lrrrrrrrrr", "Route", "Requests/s", "Of direct", "p50", "p99", "Errors",
        "Simulator CPU", "Proxy CPU", "Load generator CPU", "Machine CPU");
    for (RouteResult route : ordered(saturation.routes())) {
      LatencySummary s = LatencySummary.of(route.load().latency());
      table.row(route.route(), Formats.number(route.load().completedPerSecond()),
          Formats.percent(route.load().completedPerSecond() / direct), Formats.ms(s.p50()), Formats.ms(s.p99()),
          Long.toString(route.load().errors()), percent(route.cpu().simulator()),
          proxyCpu(route), percent(route.cpu().loadGenerator()), percent(route.cpu().machine()));
    }
    page.append(table.render()).append('\n');
  }

  private void perRequest() {
    page.append("## CPU and allocation per request\n\n");
    page.append("What each proxy spent per request over its legs of every scenario above, warm-up included: CPU time "
        + "(`utime + stime` of its `/proc` entries, threads of the JIT compilers and the garbage collector included) "
        + "over the requests the load generator sent it, and for the gateways the heap bytes they allocated (their "
        + "own `jvm_allocated_bytes_total`, read before and after each leg, less what reading it costs). Both count "
        + "only the proxy's own work, so they change little with other load on the machine, unlike latency. "
        + "`scripts/profile.sh` shows where a scenario's time and bytes go (docs/profiles.md).\n\n");
    MarkdownTable table = new MarkdownTable("llrrr", "Scenario", "Route", "Requests", "CPU µs/request",
        "Allocated/request");
    for (LatencyResult run : result.latency()) {
      String scenario = (run.body() == BodyKind.SMALL ? "small" : "Claude Code-sized") + ", "
          + Formats.number(run.rate()) + "/s";
      perRequestRows(table, scenario, run.routes());
    }
    perRequestRows(table, "streaming, " + Formats.number(result.streaming().rate()) + " streams/s",
        result.streaming().routes());
    perRequestRows(table, "saturation, " + result.saturation().concurrency() + " in flight",
        result.saturation().routes());
    page.append(table.render()).append('\n');
  }

  private static void perRequestRows(MarkdownTable table, String scenario, List<RouteResult> routes) {
    for (RouteResult route : ordered(routes)) {
      double micros = route.cpu().proxyMicrosPerRequest();
      if (route.route().equals(Route.DIRECT) || route.route().equals(Route.DIRECT_MANTLE) || micros < 0) {
        continue;
      }
      double bytes = route.cpu().proxyBytesPerRequest();
      table.row(scenario, route.route(), Formats.number(route.cpu().requests()), Formats.number(Math.round(micros)),
          bytes < 0 ? "" : Formats.number(Math.round(bytes / 100.0) / 10.0) + " KB");
    }
  }

  private void concurrentStreams() {
    page.append("## Concurrent long-lived streams\n\n");
    ConcurrentStreamsResult first = result.concurrentStreams().getFirst();
    page.append(("Streams opened through the gateway, %s per second, each %s s long (%d tokens at %s tokens/s), "
        + "held until they end, after a few seconds of short streams to warm the gateway up; its resident memory "
        + "(VmRSS) sampled every second, its CPU averaged over the run. The gateway talks "
        + "HTTP/%s to the simulator here (`BEDROCK_PROXY_UPSTREAM_HTTP_VERSION=2`, prior knowledge): over HTTP/1.1 "
        + "every stream holds an upstream connection besides its client connection, and this machine allows 20,000 "
        + "open files per process, so 10,000 streams would not fit; over HTTP/2 they share a few connections, as "
        + "they do with Bedrock over TLS. Milliseconds where not stated.\n\n").formatted(
            Formats.number(plan.concurrentOpenRate()), Formats.number(first.streamSeconds()), plan.concurrentTokens(),
            Formats.number(plan.concurrentTokensPerSecond()), first.upstreamHttpVersion()));
    MarkdownTable table = new MarkdownTable("rrrrrrrrr", "Streams", "Completed", "Errors", "Open at once",
        "First event p99", "Event delay p99", "Gateway RSS before", "Peak RSS", "Mean CPU");
    for (ConcurrentStreamsResult run : result.concurrentStreams()) {
      table.row(Formats.number(run.streams()), Formats.number(run.load().completed()),
          Long.toString(run.load().errors()), Formats.number(run.load().peakOpenStreams()),
          Formats.ms(LatencySummary.ms(run.load().firstEvent(), 99)),
          Formats.ms(LatencySummary.ms(run.load().eventDelay(), 99)),
          Formats.number(run.rssBeforeBytes() >> 20) + " MB", Formats.number(run.peakRssBytes() >> 20) + " MB",
          percent(run.meanCpuPercent()));
    }
    page.append(table.render()).append('\n');
    result.concurrentStreams().stream().flatMap(run -> run.load().errorSamples().stream()).distinct()
        .forEach(sample -> page.append("- error: `").append(sample).append("`\n"));
  }

  private void startup() {
    StartupResult startup = result.startup();
    page.append("## Start-up and idle memory\n\n");
    page.append("From starting `java` to the first 200 of `/health/ready` (polled every 5 ms); each launch a new "
        + "process. With the AOT cache: JDK 25's `-XX:AOTCacheOutput` on a training run that served each kind of "
        + "request for a few seconds, then `-XX:AOTCache=… -XX:AOTMode=on` on every timed launch.\n\n");
    MarkdownTable table = new MarkdownTable("lrrr", "Launch", "Median", "Fastest", "Launches");
    table.row("production flags", StartupResult.median(startup.plain()).toMillis() + " ms",
        StartupResult.fastest(startup.plain()).toMillis() + " ms", Integer.toString(startup.plain().size()));
    if (startup.aot().isEmpty()) {
      table.row("with an AOT cache", startup.aotNote(), "", "");
    } else {
      table.row("with an AOT cache", StartupResult.median(startup.aot()).toMillis() + " ms",
          StartupResult.fastest(startup.aot()).toMillis() + " ms", Integer.toString(startup.aot().size()));
    }
    page.append(table.render()).append('\n');
    page.append("Idle RSS: **").append(Formats.number(startup.idleRssBytes() >> 20)).append(" MB** (VmRSS after ")
        .append("start, a few small, streaming and Claude Code-sized requests, then ")
        .append(Formats.seconds(plan.idleSettle())).append(" s idle; under the production memory limit of 4 GB, ")
        .append("so a heap of at most 2.4 GB).\n\n");
  }

  private void method() {
    page.append("## How it is measured\n\n");
    page.append("""
        - The bench (`java -jar bench/target/claude-bedrock-bench.jar suite`) starts every process itself on free \
        loopback ports: per phase one simulator (unpaced for the non-streaming and saturation scenarios, paced for \
        streaming, slow for the long-lived streams, since the pacing is per process) with a fresh gateway and nginx \
        in front of it, and stops them all afterwards.
        - Before a phase is measured, every route serves closed-loop load (16 in flight) for %s s with each body: a \
        fresh gateway's JIT compilers take a large part of its CPU for its first tens of thousands of requests \
        (docs/profiles.md, "Cliffs"), work a replica that has served for minutes has done; a cold gateway is what \
        the start-up figures describe. The first part of every leg is not recorded either.
        - Latency histograms are HdrHistogram, microsecond resolution, three significant digits. A request counts \
        as an error on a non-2xx status, a reset, a stream with fewer events than the simulator sent, or no answer \
        in time.
        - The direct and nginx routes send `POST /model/us.anthropic.claude-sonnet-5-5/invoke` (or \
        `/invoke-with-response-stream`) with the body the gateway itself forwards for the same request (a test \
        checks this) and a Bedrock API key; the gateway route sends `POST /v1/messages` with the Anthropic body, \
        and the gateway signs each upstream request with SigV4.
        - The Claude Code-sized body is shaped like Claude Code's first request (system blocks with cache control, \
        twelve tools, eight betas, adaptive thinking, context management), about 50 KB.
        - Medians and throughput are the steady figures. Tail percentiles (p99 and beyond) follow rare stalls of \
        any process on the two shared cores and can differ by a factor of two between runs; other work on the \
        machine shows in the load averages above. Compare `benchmarks.json` of two runs before trusting a \
        difference.
        """.formatted(Formats.seconds(plan.warmupPerRoute())));
  }

  /** The mean CPU of the route's proxy during its legs; blank for the direct route. */
  private void sizeScaling() {
    List<SizeScaling.Row> rows = SizeScaling.rows(result.sizeScaling());
    if (rows.isEmpty()) {
      return;
    }
    page.append("## Body-size scaling\n\n");
    page.append(("Non-streaming requests of growing bodies at %s requests/s (open loop, %d reply tokens), each route "
        + "%d × %s s: a short conversation of about 5 KB, Claude Code's first request (about 50 KB), and the same "
        + "request later in a session with earlier turns before it (about 500 KB and 2 MB). *Added* is the route "
        + "minus direct at the same percentile; *gateway CPU* its mean CPU during its legs (100 %% = one core). "
        + "Milliseconds.\n\n").formatted(Formats.number(SizeScalingScenario.RATE), plan.replyTokens(),
            plan.rounds(), Formats.seconds(plan.legMeasure())));
    MarkdownTable table = new MarkdownTable("lrrrrrrrr", "Body", "Bytes", "Direct p50", "Gateway p50",
        "Gateway added p50", "Gateway added p99", "nginx added p50", "Errors", "Gateway CPU");
    for (SizeScaling.Row row : rows) {
      long errors = row.run().routes().stream().mapToLong(route -> route.load().errors()).sum();
      table.row(row.run().body().title(), Formats.number(row.bodyBytes()), Formats.ms(row.direct().p50()),
          Formats.ms(row.gateway().p50()), Formats.signedMs(row.gatewayAdded().p50()),
          Formats.signedMs(row.gatewayAdded().p99()),
          row.nginxAdded().map(s -> Formats.signedMs(s.p50())).orElse("—"), Long.toString(errors),
          percent(row.gatewayCpu()));
    }
    page.append(table.render()).append('\n');
    SizeScaling.addedMedianPerMegabyte(rows).ifPresent(slope -> page.append("The gateway's added median grows by ")
        .append(Formats.signedMs(slope)).append(" ms per MB of body (least squares over the sizes; target ≤ 0.5 ms "
            + "per MB). `scripts/profile.sh sizes` gives the CPU time and bytes allocated per request at the same "
            + "sizes (docs/profiles.md).\n\n"));
  }

  private static String proxyCpu(RouteResult route) {
    return route.route().equals(Route.DIRECT) ? "" : percent(route.cpu().proxy());
  }

  private static String percent(double cpu) {
    return Formats.number(Math.round(cpu)) + " %";
  }

  /** The routes in display order: direct, nginx, gateway. */
  private static List<RouteResult> ordered(List<RouteResult> routes) {
    return ROUTES.stream().flatMap(name -> RouteResult.find(routes, name).stream()).toList();
  }

  /** The governed gateway less the plain one: what a key with limits and a budget costs on the hot path. */
  private static Optional<LatencySummary> governanceAdded(List<RouteResult> routes) {
    return RouteResult.find(routes, Route.GOVERNED).flatMap(governed -> RouteResult.find(routes, Route.GATEWAY)
        .map(plain -> LatencySummary.of(governed.load().latency()).minus(LatencySummary.of(plain.load().latency()))));
  }

  /** A route's figures less the plain gateway's: what calling it that way adds. */
  private static Optional<LatencySummary> overGateway(List<RouteResult> routes, String route,
      Function<LoadResult, Histogram> histogram) {
    return RouteResult.find(routes, route).flatMap(other -> RouteResult.find(routes, Route.GATEWAY)
        .map(plain -> LatencySummary.of(histogram.apply(other.load()))
            .minus(LatencySummary.of(histogram.apply(plain.load())))));
  }

  private static Optional<LatencySummary> added(List<RouteResult> routes, String proxy,
      Function<LoadResult, Histogram> histogram) {
    return RouteResult.find(routes, proxy).map(route -> LatencySummary.of(histogram.apply(route.load()))
        .minus(LatencySummary.of(histogram.apply(RouteResult.get(routes, Route.DIRECT).load()))));
  }
}
