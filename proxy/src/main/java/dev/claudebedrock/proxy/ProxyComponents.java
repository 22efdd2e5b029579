package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.config.CacheConfig;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.config.RouteConfig;
import dev.claudebedrock.proxy.gateway.ProfileDiscovery;
import dev.claudebedrock.proxy.gateway.RetryPolicy;
import dev.claudebedrock.proxy.gateway.Target;
import dev.claudebedrock.proxy.gateway.Targets;
import dev.claudebedrock.proxy.gateway.cache.AnswerStore;
import dev.claudebedrock.proxy.gateway.cache.MemoryAnswerStore;
import dev.claudebedrock.proxy.gateway.cache.RedisAnswerStore;
import dev.claudebedrock.proxy.governance.Governance;
import dev.claudebedrock.proxy.governance.SpendRecorder;
import dev.claudebedrock.proxy.invoke.BedrockErrorMapping;
import dev.claudebedrock.proxy.invoke.InvokeBodyRewriter;
import dev.claudebedrock.proxy.observability.AccessLog;
import dev.claudebedrock.proxy.observability.FactsRecorder;
import dev.claudebedrock.proxy.observability.Health;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.observability.MetricsListener;
import dev.claudebedrock.proxy.server.InFlightRequests;
import dev.claudebedrock.proxy.server.RequestListener;
import dev.claudebedrock.proxy.server.StreamTimings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What every event loop shares: immutable configuration and the thread-safe services built from
 * it. Built once at start-up; per-loop objects (servers, HTTP clients) are made from it.
 */
public final class ProxyComponents implements AutoCloseable {
  private final ProxyConfig config;
  private final Metrics metrics;
  private final Health health = new Health();
  private final InFlightRequests inFlight = new InFlightRequests();
  private final RequestListener listener;
  private final ModelCatalog catalog;
  private final InvokeBodyRewriter rewriter;
  private final BedrockErrorMapping errors;
  private final StreamTimings timings;
  private final Targets targets;
  private final RetryPolicy retry;
  private final AnswerStore answers;
  private final BedrockHttpClient background;
  private final ProfileDiscovery discovery;
  private final Governance governance;

  ProxyComponents(ProxyConfig config, Environment env, Vertx vertx) {
    this.config = config;
    this.catalog = new ModelCatalog(config.models(), config.aws().region());
    this.metrics = new Metrics(knownModels(config, catalog));
    this.governance = Governance.start(config, catalog, metrics, vertx);
    this.listener = RequestListener.of(List.of(inFlight, new FactsRecorder(), new SpendRecorder(governance, metrics,
        this::regionOf), new MetricsListener(metrics), new AccessLog()));
    this.rewriter = new InvokeBodyRewriter(config.bedrockPolicy());
    this.errors = new BedrockErrorMapping(
        config.upstream().throttleRetryAfterSeconds(), config.upstream().overloadRetryAfterSeconds());
    this.timings = new StreamTimings(config.streaming().pingIntervalMs(), config.upstream().streamIdleTimeoutMs());
    this.targets = new Targets(config.gateway().targets(), config.aws(), config.gateway().circuitBreaker(), env);
    this.retry = new RetryPolicy(config.gateway().retry());
    this.answers = answerStore(config.gateway().cache(), vertx);
    this.background = new BedrockHttpClient(vertx, config.upstream(), 1);
    this.discovery = new ProfileDiscovery(vertx, background, targets);
    for (Target target : targets.all()) {
      metrics.circuitState(target.name(), () -> target.breaker().state().gauge());
    }
    health.check("targets", this::targetProblems);
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
    Duration ttl = Duration.ofSeconds(cache.ttlSeconds());
    return cache.backend().equals("redis") && cache.enabled()
        ? new RedisAnswerStore(vertx, cache.redisUrl(), cache.redisKeyPrefix(), ttl,
            Duration.ofMillis(cache.redisTimeoutMs()))
        : new MemoryAnswerStore(cache.maxMb() * 1024L * 1024L, ttl);
  }

  /** The region of a target by name (the default region for a name no target has). */
  public String regionOf(String target) {
    Target t = targets.get(target);
    return t == null ? config.aws().region() : t.region();
  }

  /** Empty while at least one target can serve; otherwise why none can. */
  private String targetProblems() {
    long now = System.nanoTime();
    for (Target target : targets.all()) {
      if (target.auth().ready() && target.breaker().available(now)) {
        return "";
      }
    }
    return targets.all().stream()
        .map(t -> t.name() + ": " + (t.auth().ready() ? "circuit open" : t.auth().describe()))
        .collect(Collectors.joining("; "));
  }

  /** Resolves credentials (off the event loops) and lists inference profiles when configured. */
  CompletableFuture<Void> start() {
    CompletableFuture<Void> credentials = targets.start();
    if (!config.gateway().discovery().enabled()) {
      return credentials;
    }
    return credentials.thenCompose(v -> {
      Future<Void> listed = discovery.start(config.gateway().discovery().intervalSeconds());
      return listed.toCompletionStage().toCompletableFuture();
    });
  }

  public ProxyConfig config() { return config; }
  public Metrics metrics() { return metrics; }
  public Health health() { return health; }
  public InFlightRequests inFlight() { return inFlight; }
  /** Hears every request: the in-flight count, the request's record, the spend ledger, metrics, the access log. */
  public RequestListener listener() { return listener; }
  public ModelCatalog catalog() { return catalog; }
  public InvokeBodyRewriter rewriter() { return rewriter; }
  public BedrockErrorMapping errors() { return errors; }
  public StreamTimings timings() { return timings; }
  public Targets targets() { return targets; }
  public RetryPolicy retry() { return retry; }
  public AnswerStore answers() { return answers; }
  public Governance governance() { return governance; }

  @Override
  public void close() {
    discovery.stop();
    background.close();
    answers.close();
    targets.close();
    governance.close();
  }
}
