package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.config.AuthConfig;
import dev.claudebedrock.proxy.config.CacheConfig;
import dev.claudebedrock.proxy.config.DiscoveryConfig;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.config.RouteConfig;
import dev.claudebedrock.proxy.gateway.ProfileDiscovery;
import dev.claudebedrock.proxy.gateway.Target;
import dev.claudebedrock.proxy.gateway.Targets;
import dev.claudebedrock.proxy.gateway.cache.AnswerStore;
import dev.claudebedrock.proxy.gateway.cache.MemoryAnswerStore;
import dev.claudebedrock.proxy.gateway.cache.RedisAnswerStore;
import dev.claudebedrock.proxy.governance.Governance;
import dev.claudebedrock.proxy.governance.SpendRecorder;
import dev.claudebedrock.proxy.governance.Team;
import dev.claudebedrock.proxy.observability.AccessLog;
import dev.claudebedrock.proxy.observability.FactsRecorder;
import dev.claudebedrock.proxy.observability.Health;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.observability.MetricsListener;
import dev.claudebedrock.proxy.oidc.OidcVerifier;
import dev.claudebedrock.proxy.server.Admission;
import dev.claudebedrock.proxy.server.ConnectionBudget;
import dev.claudebedrock.proxy.server.InFlightRequests;
import dev.claudebedrock.proxy.server.RequestListener;
import dev.claudebedrock.proxy.server.TokenVerifier;
import dev.claudebedrock.proxy.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What outlives a configuration: the targets (their circuit breakers, credential caches and listed
 * inference profiles), the response cache, governance (keys, budgets, limits, the ledger and their
 * store), metrics, health, the request listener, the background client and model discovery. Built once at start-up from the start-up configuration; request paths
 * are built from a configuration and this state ({@link RequestPaths}), so building them again from
 * a new configuration keeps all of it (the seam for reloading the configuration while serving).
 * Thread-safe: every event loop shares it.
 */
final class LongLivedState implements AutoCloseable {
  private final Metrics metrics;
  private final Health health = new Health();
  private final InFlightRequests inFlight = new InFlightRequests();
  private final ConnectionBudget connections;
  private final Admission admission;
  private final RequestListener listener;
  private final Targets targets;
  private final AnswerStore answers;
  private final BedrockHttpClient background;
  private final ProfileDiscovery discovery;
  private final Governance governance;
  private final DiscoveryConfig discoveryConfig;
  private final String defaultRegion;
  private final boolean panic;
  private volatile Predicate<String> knownModels;
  private volatile AuthConfig auth;
  private final Telemetry telemetry;
  private final TokenVerifier tokens;

  LongLivedState(ProxyConfig config, Environment env, Vertx vertx) {
    ModelCatalog catalog = new ModelCatalog(config.models(), config.aws().region());
    this.knownModels = knownModels(config, catalog);
    this.metrics = new Metrics(name -> knownModels.test(name));
    this.connections = new ConnectionBudget(config.server().effectiveMaxConnections());
    metrics.connections(connections::open, connections.limit());
    this.governance = Governance.start(config, catalog, metrics, vertx);
    this.auth = config.auth();
    this.admission = new Admission(config.admission(), this::severalIdentities);
    metrics.admission(admission::inFlight, admission::waiting, admission::bodyBytes);
    // Tracing only when on: off, it is not in the list and costs nothing.
    this.telemetry = config.telemetry().enabled()
        ? Telemetry.start(config.telemetry(), name -> knownModels.test(name))
        : null;
    List<RequestListener> listeners = new ArrayList<>(List.of(inFlight, new FactsRecorder(),
        new SpendRecorder(governance, metrics, this::regionOf), new MetricsListener(metrics)));
    if (telemetry != null) {
      listeners.add(telemetry.listener());
    }
    listeners.add(new AccessLog());
    this.listener = RequestListener.of(listeners);
    this.tokens = config.auth().oidc().enabled() ? new OidcVerifier(config.auth().oidc(), vertx, name -> {
      Team team = governance.directory().snapshot().teamNamed(name);
      return team == null ? null : team.id();
    }) : TokenVerifier.NONE;
    this.defaultRegion = config.aws().region();
    this.targets = new Targets(config.gateway().targets(), config.aws(), config.gateway().circuitBreaker(), env,
        (target, from, to, why) -> metrics.circuitTransition(target, to.label()));
    this.answers = answerStore(config.gateway().cache(), vertx);
    this.background = new BedrockHttpClient(vertx, config.upstream(), 1);
    this.discovery = new ProfileDiscovery(vertx, background, targets);
    this.discoveryConfig = config.gateway().discovery();
    this.panic = config.gateway().circuitBreaker().panic();
    for (Target target : targets.all()) {
      metrics.circuitState(target.name(), () -> target.breaker().state().gauge());
    }
    metrics.expectTargets(targets.all().stream().map(Target::name).toList());
    health.check("targets", this::targetProblems);
    health.check("admission", admission::saturation);
  }

  /** The model names and ids that may become metric labels: the model table's and the routes' own. */
  private static Predicate<String> knownModels(ProxyConfig config, ModelCatalog catalog) {
    Set<String> routed = new HashSet<>();
    for (RouteConfig route : config.gateway().routes().values()) {
      route.models().forEach(routed::add);
      route.targets().forEach(t -> routed.add(t.model()));
    }
    return name -> catalog.isKnown(name) || routed.contains(name);
  }

  private static AnswerStore answerStore(CacheConfig cache, Vertx vertx) {
    return cache.backend() == CacheConfig.Backend.REDIS && cache.enabled()
        ? new RedisAnswerStore(vertx, cache.redisUrl(), cache.redisKeyPrefix(), cache.ttl(), cache.redisTimeout())
        : new MemoryAnswerStore(cache.maxMb() * 1024L * 1024L, cache.ttl());
  }

  /** The region of a target by name (the default region for a name no target has). */
  String regionOf(String target) {
    Target t = targets.get(target);
    return t == null ? defaultRegion : t.region();
  }

  /**
   * Empty while at least one target can serve; otherwise why none can. Open circuits count only without panic
   * routing: with it the gateway still sends to them, and a replica reported not ready is taken out of its load
   * balancer, so a Bedrock outage every replica sees would take them all out (ARCHITECTURE.md, "Circuit breaking").
   */
  private String targetProblems() {
    long now = System.nanoTime();
    for (Target target : targets.all()) {
      if (target.auth().ready() && (panic || target.breaker().available(now))) {
        return "";
      }
    }
    return targets.all().stream()
        .map(t -> t.name() + ": " + (t.auth().ready() ? "circuit open" : t.auth().describe()))
        .collect(Collectors.joining("; "));
  }

  /**
   * Takes what a reloaded configuration changes of the state that outlives it: the model names that may become
   * metric labels, governance's keys, teams, organization policy and prices, the targets' Bedrock API keys (and
   * credentials given as files, read again); the rest of the state carries over untouched.
   */
  void reconfigure(ProxyConfig config) {
    auth = config.auth();
    ModelCatalog catalog = new ModelCatalog(config.models(), config.aws().region());
    knownModels = knownModels(config, catalog);
    governance.reconfigure(config, catalog);
    targets.reconfigure(config.gateway().targets());
  }

  /**
   * Whether requests may come from more than one client identity: several keys (the file's and the store's),
   * sign-in with an identity provider, or anonymous access beside a key. The default per-key cap of admission
   * depends on it (AdmissionConfig#effectiveMaxInFlightPerKey).
   */
  private boolean severalIdentities() {
    AuthConfig current = auth;
    int keys = governance.directory().count();
    boolean anonymous = current.allowAnonymous() || current.passthroughAllowAnonymous();
    return keys > 1 || current.oidc().enabled() || (anonymous && keys > 0);
  }

  /** Checks identity providers' tokens (auth.oidc), or nothing. */
  TokenVerifier tokens() {
    return tokens;
  }

  /** Resolves credentials (off the event loops) and lists inference profiles when configured. */
  CompletableFuture<Void> start() {
    CompletableFuture<Void> credentials = targets.start();
    if (!discoveryConfig.enabled()) {
      return credentials;
    }
    return credentials.thenCompose(v -> {
      Future<Void> listed = discovery.start(discoveryConfig.interval());
      return listed.toCompletionStage().toCompletableFuture();
    });
  }

  /** Every metric; served by {@code /metrics}. */
  Metrics metrics() {
    return metrics;
  }

  /** Readiness checks and the draining flag. */
  Health health() {
    return health;
  }

  /** Requests started and not yet finished. */
  InFlightRequests inFlight() {
    return inFlight;
  }

  /** The client connections all event loops together may hold (server.max_connections). */
  ConnectionBudget connections() {
    return connections;
  }

  /** What the gateway takes on at once: requests calling Bedrock, request-body bytes (admission.*). */
  Admission admission() {
    return admission;
  }

  /** Hears every request: the in-flight count, the request's record, the spend ledger, metrics, the access log. */
  RequestListener listener() {
    return listener;
  }

  /** Every target, with its circuit breaker and credentials. */
  Targets targets() {
    return targets;
  }

  /** Where cached answers are kept. */
  AnswerStore answers() {
    return answers;
  }

  /** Keys, teams, budgets, limits and the spend ledger, with their store. */
  Governance governance() {
    return governance;
  }

  @Override
  public void close() {
    if (telemetry != null) {
      telemetry.close();
    }
    discovery.stop();
    background.close();
    answers.close();
    targets.close();
    governance.close();
  }
}
