package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.core.AttemptOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Every metric the gateway exports. The names the dashboards and alerts depend on
 * ({@code http_requests_total}, {@code bedrock_api_latency_ms}, {@code gateway_cache_hit_rate})
 * are fixed by the product specification; the rest follow Prometheus conventions.
 * Meters are created once per label set and bound: the request path finds them by its label values in
 * {@link MeterMap}s and {@link IndexedCounters} (no key object, lambda or label string per request) and only
 * increments.
 */
public final class Metrics {
  private static final double[] LATENCY_MS_BUCKETS = {
      5, 10, 25, 50, 100, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000};
  private static final Duration[] SECONDS_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
      Duration.ofSeconds(300)};
  private static final Duration[] OVERHEAD_BUCKETS = {
      Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50)};

  /** The states a circuit breaker enters ({@code gateway_circuit_transitions_total}'s {@code to}). */
  private static final List<String> CIRCUIT_STATES = List.of("open", "half_open", "closed");
  /** Why admission control turns a request away ({@code gateway_requests_shed_total}'s {@code reason}). */
  private static final List<String> SHED_REASONS = List.of("queue_full", "queue_timeout", "body_bytes",
      "key_in_flight");
  /** Why the gateway closes a client connection ({@code gateway_connections_closed_total}'s {@code reason}). */
  private static final List<String> CONNECTION_CLOSE_REASONS = List.of("header_timeout", "idle_timeout", "evicted",
      "refused");

  /** Token kinds of {@code gateway_tokens_total}'s {@code type}, in the order {@link #tokens} indexes them. */
  private static final String[] TOKEN_TYPES = {"input", "output", "cache_read", "cache_write"};

  private final PrometheusMeterRegistry registry;
  private java.util.concurrent.atomic.AtomicLong fallbacks;
  private final LabelGuard models;
  private final Map<Object, Counter> counters = new ConcurrentHashMap<>();
  private final Map<Object, Timer> timers = new ConcurrentHashMap<>();
  private final Map<Object, DistributionSummary> summaries = new ConcurrentHashMap<>();
  private final AtomicInteger activeStreams = new AtomicInteger();
  private final java.util.Set<String> budgetGauges = ConcurrentHashMap.newKeySet();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();
  // What requests report, bound per label value on first use (see MeterMap).
  private final MeterMap<MeterMap<IndexedCounters>> httpCounts = new MeterMap<>(route -> new MeterMap<>(
      method -> new IndexedCounters(IndexedCounters.STATUSES,
          status -> httpCounter(method, route, Integer.toString(status)))));
  private final MeterMap<Timer> durations = new MeterMap<>(this::durationTimer);
  private final MeterMap<Timer> overheads = new MeterMap<>(this::overheadTimer);
  private final MeterMap<Counter> disconnects = new MeterMap<>(this::disconnectCounter);
  private final MeterMap<MeterMap<MeterMap<DistributionSummary>>> latencies = new MeterMap<>(
      operation -> new MeterMap<>(target -> new MeterMap<>(model -> latencySummary(operation, target, model))));
  private final MeterMap<MeterMap<IndexedCounters>> upstreamCounts = new MeterMap<>(
      operation -> new MeterMap<>(target -> new IndexedCounters(IndexedCounters.STATUSES,
          status -> upstreamCounter(operation, target, Integer.toString(status)))));
  private final MeterMap<MeterMap<Counter>> attempts = new MeterMap<>(
      target -> new MeterMap<>(outcome -> attemptCounter(target, outcome)));
  private final MeterMap<MeterMap<Counter>> routeChoices = new MeterMap<>(
      route -> new MeterMap<>(reason -> routeCounter(route, reason)));
  private final MeterMap<MeterMap<IndexedCounters>> tokenCounts = new MeterMap<>(team -> new MeterMap<>(
      model -> new IndexedCounters(TOKEN_TYPES.length, type -> tokenCounter(team, model, TOKEN_TYPES[type]))));
  private final MeterMap<Timer> firstTokenTimes = new MeterMap<>(this::firstTokenTimer);
  private final MeterMap<MeterMap<Counter>> spends = new MeterMap<>(
      team -> new MeterMap<>(model -> spendCounter(team, model)));
  private final Counter cacheHitCounter;
  private final Counter cacheMissCounter;
  private volatile double lastReloadSuccessSeconds = System.currentTimeMillis() / 1000.0;
  private volatile int lastReloadSuccessful = 1;

  /** @param knownModel the models that may appear as {@code model} label values; the rest are {@code other} */
  public Metrics(java.util.function.Predicate<String> knownModel) {
    this.models = new LabelGuard(knownModel);
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Gauges hold their objects strongly: a weakly held one that gets collected reads NaN.
    Gauge.builder("gateway.active.streams", activeStreams, AtomicInteger::get).strongReference(true)
        .description("Streaming responses in flight").register(registry);
    Gauge.builder("gateway.cache.hit.rate", this, Metrics::cacheHitRate).strongReference(true)
        .description("Share of cache lookups answered from the response cache since start (0..1)").register(registry);
    cacheHitCounter = cacheCounter("hit");
    cacheMissCounter = cacheCounter("miss");
    for (String result : new String[] {"success", "failure"}) {
      reloadCounter(result);
    }
    Gauge.builder("gateway.config.last.reload.success.timestamp.seconds", this, m -> m.lastReloadSuccessSeconds)
        .description("When the running configuration was loaded (start-up or the last successful reload), "
            + "in seconds since the epoch")
        .register(registry);
    Gauge.builder("gateway.config.last.reload.successful", this, m -> m.lastReloadSuccessful)
        .description("Whether the last reload of the configuration succeeded (1) or was refused (0)")
        .register(registry);
    allocatedBytes(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /**
   * Exports {@code jvm_allocated_bytes_total}: the heap bytes every thread has allocated since start, exact at each
   * scrape (the JVM's per-thread counters, those of ended threads included), where Micrometer's
   * {@code jvm_gc_memory_allocated_bytes_total} moves only at young collections. Allocation per request is its rate
   * over the request rate (the benchmark reads it so). The function reads the platform bean, which the JVM holds.
   */
  private static void allocatedBytes(PrometheusMeterRegistry registry) {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
      FunctionCounter.builder("jvm.allocated", threads, t -> (double) t.getTotalThreadAllocatedBytes())
          .baseUnit("bytes").description("Heap bytes allocated by every thread since the JVM started")
          .register(registry);
    }
  }

  /**
   * Creates, at 0, the upstream series of these targets: calls answered 200 and every error type of each runtime
   * operation, attempts by outcome, failovers between them and their circuits' changes of state. Dashboards then show
   * 0, not "No data", for what has not happened yet, and {@code rate()} sees a series' first increment (a series
   * that first appears at 1 loses it).
   */
  public void expectTargets(Collection<String> targets) {
    List<String> errorTypes = new ArrayList<>(BedrockError.TYPES);
    for (UpstreamException.Kind kind : UpstreamException.Kind.values()) {
      if (kind.upstreamFailure()) {
        errorTypes.add(kind.errorType());
      }
    }
    for (String target : targets) {
      for (Operation operation : Operation.values()) {
        if (!operation.controlPlane()) {
          upstreamCounter(operation.label(), target, "200");
          errorTypes.forEach(type -> errorCounter(operation.label(), target, type));
        }
      }
      for (AttemptOutcome outcome : AttemptOutcome.values()) {
        if (outcome != AttemptOutcome.CANCELLED) { // abandoned attempts are not counted
          attemptCounter(target, outcome.label());
        }
      }
      for (String to : CIRCUIT_STATES) {
        transitionCounter(target, to);
      }
      for (String other : targets) {
        if (!other.equals(target)) {
          failoverCounter(target, other);
        }
      }
    }
  }

  /** Creates, at 0, the route selections a configuration can make: each route with the reasons it may be chosen for. */
  public void expectRouteChoices(Map<String, Set<String>> reasonsByRoute) {
    reasonsByRoute.forEach((route, reasons) -> reasons.forEach(reason -> routeCounter(route, reason)));
  }

  /** Creates, at 0, a route's request counts for each of these statuses, and its duration histogram. */
  public void expectRequests(String method, String route, Collection<Integer> statuses) {
    statuses.forEach(status -> httpCounter(method, route, Integer.toString(status)));
    durationTimer(route);
  }

  /** Creates, at 0, what a route that calls Bedrock reports: clients that left early, the gateway's overhead. */
  public void expectUpstreamRoute(String route) {
    disconnectCounter(route);
    overheadTimer(route);
  }

  /** A reload of the configuration: counted by result; a success is the running configuration's new time. */
  public void configReload(boolean success) {
    reloadCounter(success ? "success" : "failure").increment();
    lastReloadSuccessful = success ? 1 : 0;
    if (success) {
      lastReloadSuccessSeconds = System.currentTimeMillis() / 1000.0;
    }
  }

  private Counter reloadCounter(String result) {
    return counters.computeIfAbsent(new Key("config-reload", result), k -> Counter.builder("gateway.config.reload")
        .description("Reloads of the configuration (file change, SIGHUP, admin API) by result: success or failure")
        .tags("result", result).register(registry));
  }

  /** One finished client request: {@code http_requests_total} and {@code http_request_duration_seconds}. */
  public void httpRequest(String method, String route, int status, long durationNanos) {
    httpCounts.get(route).get(method).get(status).increment();
    durations.get(route).record(durationNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private Timer durationTimer(String route) {
    return timers.computeIfAbsent(new Key("http-duration", route), k -> Timer.builder("http.request.duration")
        .description("Client request duration, to the last byte of the response")
        .tags("route", route).serviceLevelObjectives(SECONDS_BUCKETS).register(registry));
  }

  private Counter httpCounter(String method, String route, String status) {
    return counters.computeIfAbsent(new Key("http", method, route, status), k -> Counter.builder("http.requests")
        .description("Client requests by method, route and status")
        .tags("method", method, "route", route, "status", status).register(registry));
  }

  /** One Bedrock call answered with headers: {@code bedrock_api_latency_ms} and the per-status count. */
  public void upstreamCall(String operation, String target, String model, int status, long latencyNanos) {
    latencies.get(operation).get(target).get(models.admit(model)).record(latencyNanos / 1_000_000.0);
    upstreamCounts.get(operation).get(target).get(status).increment();
  }

  private DistributionSummary latencySummary(String operation, String target, String model) {
    return summaries.computeIfAbsent(new Key("latency", operation, target, model),
        k -> DistributionSummary.builder("bedrock.api.latency")
            .baseUnit("ms")
            .description("Time from sending a Bedrock request to its response headers (the whole answer for invoke)")
            .tags("operation", operation, "target", target, "model", model)
            .serviceLevelObjectives(LATENCY_MS_BUCKETS).register(registry));
  }

  private Counter upstreamCounter(String operation, String target, String status) {
    return counters.computeIfAbsent(new Key("upstream", operation, target, status),
        k -> Counter.builder("bedrock.requests")
            .description("Bedrock calls by operation, target and HTTP status")
            .tags("operation", operation, "target", target, "status", status).register(registry));
  }

  /** A Bedrock error, by its AWS type ({@code ThrottlingException}, ...), or a connection failure. */
  public void upstreamError(String operation, String target, String errorType) {
    errorCounter(operation, target, errorType).increment();
  }

  private Counter errorCounter(String operation, String target, String errorType) {
    return counters.computeIfAbsent(new Key("upstream-error", operation, target, errorType),
        k -> Counter.builder("bedrock.errors")
            .description("Bedrock errors by operation, target and AWS error type (mid-stream exceptions included)")
            .tags("operation", operation, "target", target, "error_type", errorType).register(registry));
  }

  /** One upstream attempt of the gateway layer, by target and outcome (success, throttled, unavailable, ...). */
  public void attempt(String target, String outcome) {
    attempts.get(target).get(outcome).increment();
  }

  private Counter attemptCounter(String target, String outcome) {
    return counters.computeIfAbsent(new Key("attempt", target, outcome),
        k -> Counter.builder("gateway.upstream.attempts")
            .description("Upstream attempts by target and outcome: success, throttled, unavailable, rejected, timeout, "
                + "connection, unauthenticated, failed")
            .tags("target", target, "outcome", outcome).register(registry));
  }

  /** A request moved from one target to another after a failure. */
  public void failover(String from, String to) {
    failoverCounter(from, to).increment();
  }

  private Counter failoverCounter(String from, String to) {
    return counters.computeIfAbsent(new Key("failover", from, to), k -> Counter.builder("gateway.failovers")
        .description("Requests that moved to another target after a failure, by source and destination target")
        .tags("from_target", from, "to_target", to).register(registry));
  }

  /** A route chosen for a request, and why. */
  public void routeChosen(String route, String reason) {
    routeChoices.get(route).get(reason).increment();
  }

  private Counter routeCounter(String route, String reason) {
    return counters.computeIfAbsent(new Key("route", route, reason), k -> Counter.builder("gateway.route.selections")
        .description("Requests by the route chosen and the reason: override, rule, model, default")
        .tags("route", route, "reason", reason).register(registry));
  }

  /**
   * Exports a target's circuit state (0 closed, 1 half-open, 2 open). The gauge holds {@code state} strongly: a
   * Micrometer gauge holds its object weakly by default, and a lambda nobody else references is collected at the next
   * garbage collection, after which the gauge reads NaN.
   */
  public void circuitState(String target, IntSupplier state) {
    Gauge.builder("gateway.circuit.state", state, IntSupplier::getAsInt).strongReference(true)
        .description("Circuit breaker state by target: 0 closed, 1 half-open, 2 open")
        .tags("target", target).register(registry);
  }

  /** A target's circuit breaker changed state ({@code to}: closed, half_open, open). */
  public void circuitTransition(String target, String to) {
    transitionCounter(target, to).increment();
  }

  private Counter transitionCounter(String target, String to) {
    return counters.computeIfAbsent(new Key("circuit", target, to), k -> Counter.builder("gateway.circuit.transitions")
        .description("Circuit breaker changes of state by target and the state entered: open, half_open, closed")
        .tags("target", target, "to", to).register(registry));
  }

  /**
   * Tokens of one response by team and model: input, output, cache read and cache write. Teams are
   * the operator's (a closed set); requests of no team count under {@code none}.
   */
  public void tokens(String team, String model, long input, long output, long cacheRead, long cacheWrite) {
    if (input <= 0 && output <= 0 && cacheRead <= 0 && cacheWrite <= 0) {
      return;
    }
    IndexedCounters kinds = tokenCounts.get(teamLabel(team)).get(models.admit(model));
    addTokens(kinds, 0, input);
    addTokens(kinds, 1, output);
    addTokens(kinds, 2, cacheRead);
    addTokens(kinds, 3, cacheWrite);
  }

  private static void addTokens(IndexedCounters kinds, int type, long count) {
    if (count > 0) {
      kinds.get(type).increment(count);
    }
  }

  private Counter tokenCounter(String team, String model, String type) {
    return counters.computeIfAbsent(new Key("tokens", team, model, type), k -> Counter.builder("gateway.tokens")
        .description("Tokens by team, model and kind (input, output, cache_read, cache_write)")
        .tags("team", team, "model", model, "type", type).register(registry));
  }

  /** What a request cost, by team and model ({@code gateway_spend_usd_total}). */
  public void spend(String team, String model, double usd) {
    if (usd <= 0) {
      return;
    }
    spends.get(teamLabel(team)).get(models.admit(model)).increment(usd);
  }

  private Counter spendCounter(String team, String model) {
    return counters.computeIfAbsent(new Key("spend", team, model), k -> Counter.builder("gateway.spend.usd")
        .description("Spend in US dollars by team and model, priced from Bedrock's reported usage")
        .tags("team", team, "model", model).register(registry));
  }

  /** A request refused by a rate limit or a budget: scope key, team or organization; the limit that refused it. */
  public void rateLimited(String scope, String limit) {
    refusalCounter(scope, limit).increment();
  }

  /** Creates, at 0, the refusal and budget-alert counts of every scope and limit: governance is on. */
  public void expectGovernance() {
    for (String scope : List.of("key", "team", "organization")) {
      budgetAlertCounter(scope);
      for (String limit : List.of("requests", "input_tokens", "output_tokens", "concurrent", "budget", "model")) {
        refusalCounter(scope, limit);
      }
    }
  }

  private Counter refusalCounter(String scope, String limit) {
    return counters.computeIfAbsent(new Key("rate-limited", scope, limit), k -> Counter.builder("gateway.rate.limited")
        .description("Requests refused by governance, by scope (key, team, organization) and limit (requests, "
            + "input_tokens, output_tokens, concurrent, budget, model)")
        .tags("scope", scope, "limit", limit).register(registry));
  }

  /** Exports the share of a team's or the organization's budget spent in its current window. */
  public void budgetUsedRatio(String scope, String name, java.util.function.DoubleSupplier ratio) {
    String key = scope + ":" + name;
    if (budgetGauges.add(key)) {
      Gauge.builder("gateway.budget.used.ratio", ratio, java.util.function.DoubleSupplier::getAsDouble)
          .description("Share of the budget spent in its current window, by scope (team, organization) and name")
          .tags("scope", scope, "name", name).strongReference(true).register(registry);
    }
  }

  /** A budget crossed its alert threshold (once per window). */
  public void budgetAlert(String scope) {
    budgetAlertCounter(scope).increment();
  }

  private Counter budgetAlertCounter(String scope) {
    return counters.computeIfAbsent(new Key("budget-alert", scope), k -> Counter.builder("gateway.budget.alerts")
        .description("Budgets that crossed their alert_at_percent, by scope (key, team, organization)")
        .tags("scope", scope).register(registry));
  }

  /** Exports how many admissions were counted on this replica alone because Redis failed. */
  public void rateLimitFallbacks(java.util.concurrent.atomic.AtomicLong fallbacks) {
    this.fallbacks = fallbacks; // held here: a function counter holds its object weakly and would read NaN once collected
    io.micrometer.core.instrument.FunctionCounter.builder("gateway.rate.limit.redis.fallbacks", fallbacks,
        java.util.concurrent.atomic.AtomicLong::get)
        .description("Rate-limit decisions made on this replica alone because Redis did not answer")
        .register(registry);
  }

  private static String teamLabel(String team) {
    return team == null || team.isEmpty() ? "none" : team;
  }

  /** Time from the request's arrival to its first generated token reaching the client. */
  public void timeToFirstToken(String model, long nanos) {
    firstTokenTimes.get(models.admit(model)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private Timer firstTokenTimer(String model) {
    return timers.computeIfAbsent(new Key("ttft", model), k -> Timer.builder("gateway.time.to.first.token")
        .description("Time from request arrival to the first content delta sent to the client")
        .tags("model", model).serviceLevelObjectives(SECONDS_BUCKETS).register(registry));
  }

  /** Time the gateway itself spent before the upstream request left (parse, translate, sign). */
  public void overhead(String route, long nanos) {
    overheads.get(route).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private Timer overheadTimer(String route) {
    return timers.computeIfAbsent(new Key("overhead", route), k -> Timer.builder("gateway.overhead")
        .description("Gateway time from request arrival to the upstream request being sent")
        .tags("route", route).serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry));
  }

  /** A client that left before its response was complete. */
  public void clientDisconnect(String route) {
    disconnects.get(route).increment();
  }

  private Counter disconnectCounter(String route) {
    return counters.computeIfAbsent(new Key("disconnect", route), k -> Counter.builder("gateway.client.disconnects")
        .description("Clients that went away before their response was complete")
        .tags("route", route).register(registry));
  }

  /**
   * Exports the client connections open now and their limit ({@code gateway_connections},
   * {@code gateway_connections_limit}) and creates at 0 the count of connections closed by the gateway's connection
   * hygiene, by reason.
   */
  public void connections(java.util.function.IntSupplier open, int limit) {
    Gauge.builder("gateway.connections", open, java.util.function.IntSupplier::getAsInt).strongReference(true)
        .description("Client connections open now").register(registry);
    Gauge.builder("gateway.connections.limit", () -> limit).strongReference(true)
        .description("Client connections the gateway holds at most (server.max_connections)").register(registry);
    for (String reason : CONNECTION_CLOSE_REASONS) {
      connectionClosedCounter(reason);
    }
  }

  /**
   * Exports the network transport the event loops run on as {@code gateway_network_transport{transport} 1}: {@code
   * epoll} (Netty's native transport) or {@code nio} (the JDK's), so a dashboard or a test can see which one serves.
   */
  public void networkTransport(String transport) {
    Gauge.builder("gateway.network.transport", () -> 1).tags("transport", transport).strongReference(true)
        .description("The network transport of the event loops, 1 for the one in use: epoll (native) or nio")
        .register(registry);
  }

  /** A client connection the gateway closed: header_timeout, idle_timeout, evicted or refused. */
  public void connectionClosed(String reason) {
    connectionClosedCounter(reason).increment();
  }

  private Counter connectionClosedCounter(String reason) {
    return counters.computeIfAbsent(new Key("connection-closed", reason), k -> Counter.builder(
        "gateway.connections.closed")
        .description("Client connections the gateway closed, by reason: header_timeout (no request headers in "
            + "time), idle_timeout (keep-alive unused), evicted (oldest idle one, for a new one at the limit), "
            + "refused (a new one at the limit)")
        .tags("reason", reason).register(registry));
  }

  /**
   * Exports admission control's state: requests in flight and waiting, request-body bytes held
   * ({@code gateway_admission_in_flight}, {@code gateway_admission_waiting}, {@code gateway_admission_body_bytes}).
   */
  public void admission(IntSupplier inFlight, IntSupplier waiting, java.util.function.LongSupplier bodyBytes) {
    Gauge.builder("gateway.admission.in.flight", inFlight, IntSupplier::getAsInt).strongReference(true)
        .description("Requests calling Bedrock served now (admission.max_in_flight)").register(registry);
    Gauge.builder("gateway.admission.waiting", waiting, IntSupplier::getAsInt).strongReference(true)
        .description("Requests waiting for a place (admission.queue_size)").register(registry);
    Gauge.builder("gateway.admission.body.bytes", bodyBytes, java.util.function.LongSupplier::getAsLong)
        .strongReference(true).description("Request-body bytes the gateway holds (admission.max_body_mb_in_flight)")
        .register(registry);
  }

  /** Creates, at 0, the count of requests admission control turns away on {@code route}, by every reason. */
  public void expectShed(String route) {
    for (String reason : SHED_REASONS) {
      shedCounter(route, reason);
    }
  }

  /** A request admission control turned away: queue_full, queue_timeout, body_bytes or key_in_flight. */
  public void shed(String route, String reason) {
    shedCounter(route, reason).increment();
  }

  private Counter shedCounter(String route, String reason) {
    return counters.computeIfAbsent(new Key("shed", route, reason), k -> Counter.builder("gateway.requests.shed")
        .description("Requests the gateway turned away for its own load, by route and reason: queue_full, "
            + "queue_timeout, body_bytes (529); key_in_flight (429, the key at its cap of places)")
        .tags("route", route, "reason", reason).register(registry));
  }

  /** The number of streams in flight; callers increment and decrement it. */
  public AtomicInteger activeStreams() {
    return activeStreams;
  }

  /** One response-cache lookup. */
  public void cacheLookup(boolean hit) {
    (hit ? cacheHits : cacheMisses).increment();
    (hit ? cacheHitCounter : cacheMissCounter).increment();
  }

  private Counter cacheCounter(String result) {
    return counters.computeIfAbsent(new Key("cache", result), k -> Counter.builder("gateway.cache.lookups")
        .description("Response cache lookups by result").tags("result", result).register(registry));
  }

  private double cacheHitRate() {
    long hits = cacheHits.sum();
    long total = hits + cacheMisses.sum();
    return total == 0 ? 0.0 : (double) hits / total;
  }

  /** The registry, for components that register meters of their own. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  private record Key(String kind, String a, String b, String c) {
    Key(String kind, String a) {
      this(kind, a, "", "");
    }

    Key(String kind, String a, String b) {
      this(kind, a, b, "");
    }
  }
}
