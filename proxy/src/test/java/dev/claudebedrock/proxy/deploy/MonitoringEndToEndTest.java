package dev.claudebedrock.proxy.deploy;

import static dev.claudebedrock.proxy.deploy.AlertWatch.Step.DELIVERED;
import static dev.claudebedrock.proxy.deploy.AlertWatch.Step.FIRING;
import static dev.claudebedrock.proxy.deploy.AlertWatch.Step.PENDING;
import static dev.claudebedrock.proxy.deploy.AlertWatch.Step.RESOLVED;
import static dev.claudebedrock.proxy.deploy.AlertWatch.Step.RESOLVED_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.testing.GatewayProcess;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitoring stack proven end to end: a real Prometheus and Alertmanager, run from the shipped configuration
 * with the test overlay ({@code deploy/prometheus/tests/e2e-overlay.yml}), scrape a real gateway with two Bedrock
 * targets (two simulators). For each alert the test drives the fault it describes, sees the alert pending and
 * firing in Prometheus, delivered by Alertmanager to a webhook receiver on loopback (through the shipped routes),
 * and resolved once the fault ends. Every panel query of the Grafana dashboards is run through Prometheus, with
 * Grafana's variables bound, and must return data: there is no Grafana server here.
 *
 * <p>Minutes long (the rules' 5-minute windows decide how long an alert takes to resolve), so it runs on its own:
 * {@code scripts/monitoring-test.sh}, which CI calls. Its report goes to {@code target/monitoring-e2e/report.txt}.
 */
@Tag("monitoring-e2e")
class MonitoringEndToEndTest {
  private static final String TOKEN = "monitoring-e2e-token-0123456789";
  private static final String ADMIN_TOKEN = "monitoring-e2e-admin-token-0123456789";
  private static final String TEAM = "e2e-team";
  private static final Map<String, String> ANY = Map.of();
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  /** The rules' longest window: an alert built on increase() over it resolves only once the failures left it. */
  private static final Duration RULE_WINDOW = Duration.ofMinutes(5);

  private final Instant started = Instant.now();
  private final List<Lifecycle> lifecycles = new ArrayList<>();
  private final List<String> report = new ArrayList<>();
  /** Panel and exposition problems: collected, so that one run shows them all and still drives every alert. */
  private final List<String> problems = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private BedrockSimulator simA;
  private BedrockSimulator simB;
  private GatewayProcess gateway;
  private Map<String, String> gatewayEnv;
  private Path gatewayConfig;
  private MonitoringStack stack;
  private AlertWatch watch;
  private Traffic traffic;
  /** Traffic with the key of {@link #TEAM}, whose budget is small. */
  private Traffic teamTraffic;
  private String teamId;

  /** What happened to one alert in one scenario, relative to its fault. */
  private static final class Lifecycle {
    final String alert;
    final Map<String, String> labels;
    final String fault;
    final Instant faultStart;
    Instant pending;
    Instant firing;
    Instant delivered;
    String receiver;
    Instant faultEnd;
    Instant resolved;
    Instant resolvedDelivered;

    Lifecycle(String alert, Map<String, String> labels, String fault, Instant faultStart) {
      this.alert = alert;
      this.labels = labels;
      this.fault = fault;
      this.faultStart = faultStart;
    }
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void everyAlertFiresOnItsFaultReachesAlertmanagerAndResolvesAndEveryPanelHasData() throws Exception {
    startEverything();

    noNaN("at start-up");
    baselineTraffic();
    checkPanels("before any fault", false);

    Lifecycle unreachable = unreachableTarget();
    gatewayDown();
    openCircuit();
    serverErrors();
    slowUpstream();
    throttling();
    budgetNearlyExhausted();

    noNaN("after every fault");
    checkPanels("after every fault", true);

    // increase(...[5m]) keeps the failures for five minutes after the fault ended: wait for them to leave the window.
    resolve(unreachable, () -> {}, RULE_WINDOW.plus(STEP_TIMEOUT), () -> traffic.send(Traffic.Kind.MESSAGE, 2, 1));
    assertThat(problems).as("what the monitoring stack showed wrong").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------- scenarios

  /**
   * Target b refuses connections (its simulator stopped), then black-holes them (listening again, but answering
   * nothing within {@code upstream.first_byte_timeout_ms}); target a serves every request meanwhile.
   */
  private Lifecycle unreachableTarget() {
    int port = simB.port();
    boolean[] blackHoled = {false};
    Runnable drive = () -> {
      if (!blackHoled[0] && counter("bedrock_errors_total", "error_type=\"ConnectionFailure\"") >= 3) {
        simB = startSim(port);
        simB.timing(Duration.ofSeconds(60), 0); // listens, answers nothing within upstream.first_byte_timeout_ms
        blackHoled[0] = true;
      }
      Traffic.Result r = traffic.send(Traffic.Kind.MESSAGE, 4, 2);
      assertThat(r.count(200)).as("target a serves while b is unreachable: " + r).isEqualTo(r.total());
    };
    Lifecycle life = fire("ClaudeCodeBedrockUnreachable", ANY, "target b refused, then black-holed", simB::close,
        paced(Duration.ofMillis(500), drive));
    // The alert may fire on the refusals alone: keep the fault on until a call to the black hole timed out too.
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (counter("bedrock_errors_total", "error_type=\"FirstByteTimeout\"") < 1) {
      assertThat(System.nanoTime()).as("a call to the black-holed target timed out").isLessThan(deadline);
      drive.run();
    }
    assertThat(counter("bedrock_errors_total", "error_type=\"ConnectionFailure\"")).isGreaterThanOrEqualTo(3);
    life.faultEnd = Instant.now();
    simB.timing(Duration.ZERO, 0);
    return life;
  }

  /** The gateway killed (SIGKILL): Prometheus cannot scrape it; back when it is started again. */
  private void gatewayDown() throws Exception {
    Lifecycle life = fire("ClaudeCodeDown", Map.of("job", "claude-code"), "gateway killed (SIGKILL)",
        this::killGateway, () -> {});
    resolve(life, this::startGateway, STEP_TIMEOUT, () -> {});
  }

  /** Target a answers 503 ServiceUnavailableException to everything: its circuit opens, b serves every request. */
  private void openCircuit() {
    double opened = counter("gateway_circuit_transitions_total", "target=\"default\",to=\"open\"");
    Lifecycle life = fire("ClaudeCodeCircuitOpen", Map.of("target", "default"), "target a answers 503",
        () -> simA.faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE).times(Integer.MAX_VALUE)),
        paced(Duration.ofMillis(500), () -> {
          Traffic.Result r = traffic.send(Traffic.Kind.MESSAGE, 4, 2);
          assertThat(r.count(200)).as("requests fail over to b: " + r).isEqualTo(r.total());
        }));
    assertThat(counter("gateway_circuit_transitions_total", "target=\"default\",to=\"open\"")).isGreaterThan(opened);
    assertThat(accessLines(line -> line.path("circuit_skipped").asText().equals("default")))
        .as("access lines of requests that skipped the open circuit").isNotEmpty();
    assertThat(logLines(line -> line.path("message").asText().startsWith("Circuit of target default closed -> open")))
        .as("the transition's log line").isNotEmpty();
    resolve(life, () -> simA.faults().clear(), STEP_TIMEOUT,
        paced(Duration.ofMillis(500), () -> traffic.send(Traffic.Kind.MESSAGE, 4, 2)));
  }

  /**
   * Both targets answer 500 InternalServerException: clients get 5xx. Both circuits open, and requests still go to
   * them (panic routing) instead of being refused by the gateway.
   */
  private void serverErrors() {
    Set<String> errors = ConcurrentHashMap.newKeySet();
    Lifecycle life = fire("ClaudeCodeHighErrorRate", ANY, "both targets answer 500", () -> {
      for (BedrockSimulator sim : sims()) {
        sim.faults().script(FaultScript.httpError(ErrorType.INTERNAL_SERVER).times(Integer.MAX_VALUE));
      }
    }, paced(Duration.ofMillis(500), () -> errors.addAll(traffic.send(Traffic.Kind.MESSAGE, 10, 10).errors())));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(scrape().contains("gateway_circuit_state{target=\"default\"} 2.0")
        && scrape().contains("gateway_circuit_state{target=\"b\"} 2.0"))) {
      assertThat(System.nanoTime()).as("both circuits open").isLessThan(deadline);
      traffic.send(Traffic.Kind.MESSAGE, 2, 2);
    }
    double calls = counter("bedrock_requests_total", "");
    Traffic.Result r = traffic.send(Traffic.Kind.MESSAGE, 5, 5);
    errors.addAll(r.errors());
    assertThat(r.count(500)).as("every circuit open: still sent upstream, Bedrock's 500 answered: " + r).isEqualTo(5);
    assertThat(counter("bedrock_requests_total", "")).as("upstream calls with every circuit open").isGreaterThan(calls);
    assertThat(errors).as("refusals for open circuits").noneMatch(e -> e.contains("No Bedrock target can take"));
    List<JsonNode> panicked = accessLines(line -> line.path("circuit_panic").asBoolean());
    assertThat(panicked).as("access lines of panic routing").isNotEmpty();
    report.add("Every circuit open: " + r.total() + " more requests, all sent upstream (bedrock_requests_total +"
        + (int) (counter("bedrock_requests_total", "") - calls) + "), answered with Bedrock's 500, none refused; "
        + panicked.size() + " access lines with circuit_panic, e.g. "
        + decisionFields(panicked.get(panicked.size() - 1)));
    resolve(life, () -> sims().forEach(sim -> sim.faults().clear()), STEP_TIMEOUT,
        () -> traffic.send(Traffic.Kind.MESSAGE, 200, 16));
  }

  /** Both targets take 2.5 s to the first byte of a stream: Bedrock's p95 for invoke_stream goes over 2 s. */
  private void slowUpstream() {
    Lifecycle life = fire("ClaudeCodeBedrockLatencyHigh", Map.of("operation", "invoke_stream"),
        "both targets 2.5 s to first byte", () -> sims().forEach(sim -> sim.timing(Duration.ofMillis(2500), 0)),
        paced(Duration.ofSeconds(1), () -> traffic.send(Traffic.Kind.STREAM, 4, 4)));
    resolve(life, () -> sims().forEach(sim -> sim.timing(Duration.ZERO, 0)), STEP_TIMEOUT,
        () -> traffic.send(Traffic.Kind.STREAM, 100, 16));
  }

  /**
   * Both targets throttle: clients get 429 with retry-after, the throttling alert fires, and no circuit opens
   * (throttling is load, not ill health).
   */
  private void throttling() {
    double opened = counter("gateway_circuit_transitions_total", "to=\"open\"");
    double throttled = counter("gateway_upstream_attempts_total", "outcome=\"throttled\"");
    Set<Integer> statuses = new TreeSet<>();
    Lifecycle life = fire("ClaudeCodeBedrockThrottling", ANY, "both targets throttle", () -> {
      for (BedrockSimulator sim : sims()) {
        sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING).times(Integer.MAX_VALUE));
      }
    }, paced(Duration.ofSeconds(1),
        () -> statuses.addAll(traffic.send(Traffic.Kind.MESSAGE, 2, 2).statuses().keySet())));
    assertThat(statuses).as("throttled clients get 429, never a refusal for open circuits").containsOnly(429);
    assertThat(watch.when(PENDING, "ClaudeCodeCircuitOpen", ANY, life.faultStart)).as("a circuit opened on 429s")
        .isEmpty();
    assertThat(counter("gateway_circuit_transitions_total", "to=\"open\"")).as("circuits opened on 429s")
        .isEqualTo(opened);
    report.add("Throttling: " + (int) (counter("gateway_upstream_attempts_total", "outcome=\"throttled\"") - throttled)
        + " throttled attempts, clients answered 429, gateway_circuit_transitions_total{to=\"open\"} unchanged ("
        + (int) opened + "), ClaudeCodeCircuitOpen never pending.");
    resolve(life, () -> sims().forEach(sim -> sim.faults().clear()), STEP_TIMEOUT,
        () -> traffic.send(Traffic.Kind.MESSAGE, 500, 16));
  }

  /**
   * A team spends its daily budget: at 90 % the alert fires, at 100 % its requests are refused (429); the operator
   * raises the budget through the admin API and it resolves.
   */
  private void budgetNearlyExhausted() {
    Set<Integer> statuses = new TreeSet<>();
    Lifecycle life = fire("BudgetNearlyExhausted", Map.of("scope", "team", "name", TEAM),
        "team spends its day's budget", () -> {},
        paced(Duration.ofMillis(500),
            () -> statuses.addAll(teamTraffic.send(Traffic.Kind.MESSAGE, 4, 2).statuses().keySet())));
    while (!statuses.contains(429)) {
      statuses.addAll(teamTraffic.send(Traffic.Kind.MESSAGE, 2, 1).statuses().keySet());
    }
    assertThat(counter("gateway_rate_limited_total", "limit=\"budget\",scope=\"team\"")).isPositive();
    resolve(life, () -> admin("PATCH", "/admin/v1/teams/" + teamId, "{\"budget\":{\"usd\":10,\"period\":\"day\"}}"),
        STEP_TIMEOUT, paced(Duration.ofMillis(500), () -> teamTraffic.send(Traffic.Kind.MESSAGE, 1, 1)));
    assertThat(teamTraffic.send(Traffic.Kind.MESSAGE, 2, 1).count(200)).as("served again").isEqualTo(2);
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /** Starts the fault and waits, driving traffic, until the alert is pending, firing and delivered. */
  private Lifecycle fire(String alert, Map<String, String> labels, String fault, ThrowingRunnable start,
      Runnable meanwhile) {
    Lifecycle life = new Lifecycle(alert, labels, fault, Instant.now());
    lifecycles.add(life);
    ThrowingRunnable.run(start);
    life.pending = watch.await(PENDING, alert, labels, life.faultStart, STEP_TIMEOUT, meanwhile);
    life.firing = watch.await(FIRING, alert, labels, life.faultStart, STEP_TIMEOUT, meanwhile);
    life.delivered = watch.await(DELIVERED, alert, labels, life.faultStart, STEP_TIMEOUT, meanwhile);
    life.receiver = watch.receiverOf(alert, labels, life.faultStart, "firing").orElseThrow();
    assertThat(life.receiver).as(alert + " goes to the receiver its severity routes to")
        .isEqualTo(severity(alert).equals("critical") ? "on-call" : "team");
    return life;
  }

  /** Ends the fault (unless already ended) and waits, driving traffic, until the alert is resolved and that is delivered. */
  private void resolve(Lifecycle life, ThrowingRunnable end, Duration timeout, Runnable meanwhile) {
    if (life.faultEnd == null) {
      life.faultEnd = Instant.now();
      ThrowingRunnable.run(end);
    }
    life.resolved = watch.await(RESOLVED, life.alert, life.labels, life.faultEnd, timeout, meanwhile);
    life.resolvedDelivered = watch.await(RESOLVED_DELIVERED, life.alert, life.labels, life.faultEnd, timeout,
        meanwhile);
  }

  /** An action that runs at most once per {@code period}, however often it is called. */
  private static Runnable paced(Duration period, Runnable action) {
    long[] last = {0};
    return () -> {
      long now = System.nanoTime();
      if (last[0] == 0 || now - last[0] >= period.toNanos()) {
        last[0] = now;
        action.run();
      }
    };
  }

  /** A step that may throw. */
  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;

    static void run(ThrowingRunnable action) {
      try {
        action.run();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- panels

  /**
   * Runs every panel query as Grafana would, once for "All" instances and once for the gateway's own, over the test so
   * far. Every range query must return a sample that is a number (0 where nothing happened); the tables list only
   * what happened in the last hour (their queries keep values above 0), so they must return rows only once faults did.
   */
  private void checkPanels(String when, boolean tablesToo) {
    // Grafana aligns a panel's range to its step: wait until the last step includes what just happened (and its scrape).
    Duration step = DashboardPanels.interval(Duration.between(started, Instant.now()));
    Instant recent = Instant.now().plusSeconds(2);
    while (aligned(Instant.now(), step).isBefore(recent)) {
      MonitoringStack.sleep(Duration.ofMillis(250));
    }
    Instant end = aligned(Instant.now(), step);
    Instant start = aligned(started, step);
    Duration range = Duration.between(start, end);
    Map<String, String> bound = new HashMap<>();
    bound.put("__interval", DashboardPanels.promDuration(step));
    bound.put("__rate_interval", DashboardPanels.promDuration(DashboardPanels.rateInterval(range)));
    bound.put("__range", range.toSeconds() + "s");
    Map<String, List<String>> instanceChoices = new LinkedHashMap<>();
    for (DashboardPanels.Variable variable : DashboardPanels.variables()) {
      List<String> values = stack.labelValues(variable.label(), variable.selector());
      assertThat(values).as(variable.dashboard() + " $" + variable.name() + " offers the gateway")
          .contains(gatewayInstance());
      instanceChoices.put("All", List.of());
      instanceChoices.put(gatewayInstance(), List.of(gatewayInstance()));
      assertThat(variable.allValue()).as(variable.dashboard() + " $" + variable.name() + " allValue").isNotNull();
    }
    List<DashboardPanels.Query> queries = DashboardPanels.queries();
    List<String> empty = new ArrayList<>();
    int checked = 0;
    int withData = 0;
    int tables = 0;
    for (Map.Entry<String, List<String>> choice : instanceChoices.entrySet()) {
      bound.put("instance", choice.getValue().isEmpty() ? ".*" : DashboardPanels.regexValue(choice.getValue()));
      for (DashboardPanels.Query query : queries) {
        String expr = DashboardPanels.bind(query.expr(), bound);
        if (query.instant()) {
          tables++;
          if (!tablesToo) {
            continue;
          }
        }
        checked++;
        boolean data = query.instant() ? stack.query(expr).size() > 0
            : hasNumber(stack.queryRange(expr, start, end, step));
        if (data) {
          withData++;
        } else {
          empty.add("[instance=" + choice.getKey() + "] " + query + "\n      bound: " + expr);
        }
      }
    }
    report.add("Panel queries " + when + ": " + queries.size() + " queries in " + dashboards(queries)
        + " dashboards, each with $instance = All and = " + gatewayInstance() + " ($__rate_interval = "
        + bound.get("__rate_interval") + "): " + withData + " of " + checked + " returned data"
        + (tablesToo ? "" : " (" + tables + " table queries, which list only errors of the last hour, not run yet)"));
    empty.forEach(e -> problems.add("no data " + when + ": " + e));
  }

  private static Instant aligned(Instant at, Duration step) {
    return Instant.ofEpochSecond(at.getEpochSecond() / step.toSeconds() * step.toSeconds());
  }

  private static long dashboards(List<DashboardPanels.Query> queries) {
    return queries.stream().map(DashboardPanels.Query::dashboard).distinct().count();
  }

  private static boolean hasNumber(JsonNode result) {
    for (JsonNode series : result) {
      for (JsonNode point : series.path("values")) {
        String value = point.get(1).asText();
        if (!value.equals("NaN")) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------- set-up

  private void startEverything() throws Exception {
    simA = startSim(0);
    simB = startSim(0);
    resources.add(() -> simA.close());
    resources.add(() -> simB.close());
    gatewayConfig = Files.createTempFile("monitoring-e2e-", ".yaml");
    Files.writeString(gatewayConfig, """
        # Two targets behind one weighted route, as an operator with a second region runs it; governance (keys,
        # teams, budgets) comes on with ADMIN_API_TOKEN and DATABASE_URL from the environment.
        auth:
          metrics_requires_token: true      # as in production: Prometheus scrapes with the token
        targets:
          b:
            region: us-east-1
            endpoint: %1$s
            control_plane_endpoint: %1$s
        routes:
          all:
            models: ["*"]
            strategy: weighted
            targets: [{target: default}, {target: b}]
        upstream:
          first_byte_timeout_ms: 4000       # above the slow scenario's 2.5 s; black-holed calls fail after it
        circuit_breaker:
          open_seconds: 10                  # probes come back within the test (30 s by default)
        """.formatted(simB.baseUrl()));
    gatewayEnv = new HashMap<>(Map.of(
        "API_AUTH_TOKEN", TOKEN,
        "AWS_ACCESS_KEY_ID", SimulatorConfig.DEFAULT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY,
        "AWS_REGION", SimulatorConfig.DEFAULT_REGION,
        "BEDROCK_ENDPOINT", simA.baseUrl(),
        "BEDROCK_CONTROL_PLANE_ENDPOINT", simA.baseUrl(),
        "AWS_ENDPOINT_URL_STS", simA.baseUrl(),
        "PORT", "0",
        "BEDROCK_PROXY_SERVER_HOST", "127.0.0.1"));
    // Governance on, as a company with teams runs it: keys, budgets and the ledger in a SQLite file.
    gatewayEnv.put("ADMIN_API_TOKEN", ADMIN_TOKEN);
    Path database = gatewayConfig.resolveSibling(gatewayConfig.getFileName() + ".db");
    gatewayEnv.put("DATABASE_URL", "sqlite:" + database);
    resources.add(() -> {
      Files.deleteIfExists(gatewayConfig);
      Files.deleteIfExists(database);
    });
    startGateway();
    gatewayEnv.put("PORT", Integer.toString(gateway.port())); // a restart comes back where Prometheus scrapes
    resources.add(() -> gateway.close());
    traffic = new Traffic(gateway.url(), TOKEN);
    teamId = admin("POST", "/admin/v1/teams",
        "{\"name\":\"" + TEAM + "\",\"budget\":{\"usd\":0.0005,\"period\":\"day\"}}").path("id").asText();
    teamTraffic = new Traffic(gateway.url(), admin("POST", "/admin/v1/keys",
        "{\"name\":\"e2e-developer\",\"team_id\":\"" + teamId + "\"}").path("key").asText());

    WebhookReceiver receiver = WebhookReceiver.start();
    resources.add(receiver);
    stack = MonitoringStack.start(gatewayInstance(), TOKEN, receiver);
    resources.add(stack);
    watch = new AlertWatch(stack, receiver);
    resources.add(watch);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // Prometheus scrapes the gateway and itself on their own schedules: wait for both, since the report below
    // reads Prometheus's version from its own first scrape.
    while (stack.query("up{job=\"claude-code\"} == 1").isEmpty() || stack.query("prometheus_build_info").isEmpty()) {
      assertThat(System.nanoTime()).as("Prometheus scrapes the gateway and itself\n" + stack.logs())
          .isLessThan(deadline);
      MonitoringStack.sleep(Duration.ofMillis(200));
    }
    report.add("No Grafana server can run here: the dashboards' panel queries are sent to Prometheus as Grafana "
        + "would send them, with its variables bound.");
    report.add("Prometheus " + stack.query("prometheus_build_info").get(0).path("metric").path("version").asText()
        + ", Alertmanager " + stack.alertmanagerVersion()
        + ", overlay " + MonitoringStack.OVERLAY + ", gateway " + gatewayInstance()
        + " with targets a (default) and b.");
  }

  /** A call to the admin API; fails unless it succeeds. */
  private JsonNode admin(String method, String path, String json) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
          .header("authorization", "Bearer " + ADMIN_TOKEN).header("content-type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
      return DeployFiles.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static BedrockSimulator startSim(int port) {
    return BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(port).controlApi(true).build());
  }

  private void startGateway() throws Exception {
    gateway = GatewayProcess.start(gatewayEnv, "--config", gatewayConfig.toString());
  }

  private void killGateway() throws InterruptedException {
    gateway.kill();
  }

  private String gatewayInstance() {
    return "127.0.0.1:" + gateway.port();
  }

  private List<BedrockSimulator> sims() {
    return List.of(simA, simB);
  }

  private String severity(String alert) {
    for (JsonNode rule : DeployFiles.yaml("deploy/prometheus/alerts.yml").path("groups").get(0).path("rules")) {
      if (rule.path("alert").asText().equals(alert)) {
        return rule.path("labels").path("severity").asText();
      }
    }
    throw new AssertionError("no alert " + alert);
  }

  private void baselineTraffic() throws Exception {
    assertThat(traffic.send(Traffic.Kind.MESSAGE, 20, 4).count(200)).isEqualTo(20);
    // Streams in two bursts a few scrapes apart, as traffic comes: a histogram by model (time to first token) is
    // created by its first request, and rate() needs a second sample of it.
    assertThat(traffic.send(Traffic.Kind.STREAM, 10, 4).count(200)).isEqualTo(10);
    MonitoringStack.sleep(Duration.ofSeconds(2));
    assertThat(traffic.send(Traffic.Kind.STREAM, 10, 4).count(200)).isEqualTo(10);
    assertThat(traffic.send(Traffic.Kind.COUNT_TOKENS, 5, 2).count(200)).isEqualTo(5);
    assertThat(traffic.send(Traffic.Kind.CACHEABLE, 5, 1).count(200)).isEqualTo(5);
    assertThat(teamTraffic.send(Traffic.Kind.MESSAGE, 2, 1).count(200)).isEqualTo(2);
    assertThat(traffic.unauthenticated()).isEqualTo(401);
    disconnectMidStream();
    MonitoringStack.sleep(Duration.ofSeconds(3)); // two scrapes
  }

  /** A client that leaves while its stream is still going. */
  private void disconnectMidStream() throws Exception {
    sims().forEach(sim -> sim.timing(Duration.ZERO, 20));
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":300,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"A long answer [[sim:tokens=200]]\"}]}"))
        .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        assertThat(body.readNBytes(64)).hasSize(64);
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (counter("gateway_client_disconnects_total", "") < 1) {
      assertThat(System.nanoTime()).as("the gateway counts the disconnect").isLessThan(deadline);
      MonitoringStack.sleep(Duration.ofMillis(100));
    }
    sims().forEach(sim -> sim.timing(Duration.ZERO, 0));
  }

  // ---------------------------------------------------------------------------------------------- metrics

  private String scrape() {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http
          .send(HttpRequest.newBuilder(URI.create(gateway.url() + "/metrics")).header("x-api-key", TOKEN).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void noNaN(String when) {
    List<String> nan = nanLines(scrape());
    report.add("NaN samples on /metrics " + when + ": " + nan.size());
    nan.forEach(line -> problems.add("NaN on /metrics " + when + ": " + line));
  }

  /** The fields of an access-log line that tell where a request went and which circuit decisions it met. */
  private static String decisionFields(JsonNode line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : List.of("route", "status", "attempts", "targets_tried", "circuit_skipped", "circuit_panic",
        "circuit_changes")) {
      if (line.has(name)) {
        fields.put(name, line.get(name).asText());
      }
    }
    return fields.toString();
  }

  /** The gateway's access-log lines that satisfy {@code test}. */
  private List<JsonNode> accessLines(java.util.function.Predicate<JsonNode> test) {
    return logLines(line -> "dev.claudebedrock.proxy.access".equals(line.path("logger").asText()) && test.test(line));
  }

  /** The gateway's log lines (JSON) that satisfy {@code test}. */
  private List<JsonNode> logLines(java.util.function.Predicate<JsonNode> test) {
    return gateway.lines().stream().map(GatewayProcess::parse).filter(line -> line != null && test.test(line)).toList();
  }

  static List<String> nanLines(String exposition) {
    return exposition.lines().filter(l -> !l.startsWith("#") && l.matches(".* NaN( \\d+)?$")).toList();
  }

  /** The sum of a counter's samples on the gateway now, over the series whose labels contain {@code labels}. */
  private double counter(String name, String labels) {
    double sum = 0;
    for (String line : scrape().lines().toList()) {
      if (line.startsWith(name + "{") && line.contains(labels)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------- report

  private void writeReport() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("Monitoring end-to-end test");
    lines.addAll(report);
    problems.forEach(p -> lines.add("PROBLEM " + p));
    lines.add("");
    lines.add(String.format("%-30s %-36s %9s %9s %21s %10s %10s", "alert", "fault", "pending", "firing",
        "delivered (receiver)", "resolved", "delivered"));
    for (Lifecycle life : lifecycles) {
      lines.add(
          String.format("%-30s %-36s %9s %9s %21s %10s %10s", life.alert + (life.labels.isEmpty() ? "" : life.labels),
              life.fault, since(life.faultStart, life.pending), since(life.faultStart, life.firing),
              since(life.faultStart, life.delivered) + " (" + life.receiver + ")", since(life.faultEnd, life.resolved),
              since(life.faultEnd, life.resolvedDelivered)));
    }
    lines.add(
        "(pending, firing, delivered: seconds after the fault began; resolved and its delivery: seconds after it ended)");
    lines.add("Took " + Duration.between(started, Instant.now()).toSeconds() + " s.");
    Path file = Path.of("target", "monitoring-e2e", "report.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
    lines.forEach(System.out::println);
  }

  private static String since(Instant from, Instant to) {
    return to == null ? "-" : String.format("+%.1fs", Duration.between(from, to).toMillis() / 1000.0);
  }

  @AfterEach
  void stopEverything() throws Exception {
    writeReport(); // also when a step failed: what happened up to there
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }
}
