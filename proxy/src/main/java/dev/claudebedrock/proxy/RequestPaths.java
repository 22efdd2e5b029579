package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.admin.AdminApi;
import dev.claudebedrock.proxy.admin.AdminAuth;
import dev.claudebedrock.proxy.anthropic.AnthropicDialect;
import dev.claudebedrock.proxy.anthropic.ListModels;
import dev.claudebedrock.proxy.anthropic.ParseMessages;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.config.AuthConfig;
import dev.claudebedrock.proxy.config.PassthroughConfig;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.config.ServerConfig;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.AttemptUpstream;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.PlanRoute;
import dev.claudebedrock.proxy.gateway.RetryPolicy;
import dev.claudebedrock.proxy.gateway.cache.CacheLookup;
import dev.claudebedrock.proxy.governance.EnforceGovernance;
import dev.claudebedrock.proxy.governance.Governance;
import dev.claudebedrock.proxy.governance.KeyInfo;
import dev.claudebedrock.proxy.invoke.CountTokens;
import dev.claudebedrock.proxy.invoke.InvokeBodyRewriter;
import dev.claudebedrock.proxy.invoke.TranslateMessages;
import dev.claudebedrock.proxy.mantle.MantleCountTokens;
import dev.claudebedrock.proxy.mantle.MantleMessages;
import dev.claudebedrock.proxy.observability.Health;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.observability.MetricsEndpoint;
import dev.claudebedrock.proxy.openai.ChatRequestTranslator;
import dev.claudebedrock.proxy.openai.FetchImageUrls;
import dev.claudebedrock.proxy.openai.ListOpenAiModels;
import dev.claudebedrock.proxy.openai.OpenAiDialect;
import dev.claudebedrock.proxy.openai.ParseChatCompletions;
import dev.claudebedrock.proxy.openai.TranslateChatReply;
import dev.claudebedrock.proxy.passthrough.BedrockDialect;
import dev.claudebedrock.proxy.passthrough.CatalogInferenceProfiles;
import dev.claudebedrock.proxy.passthrough.ParseMantlePassthrough;
import dev.claudebedrock.proxy.passthrough.ParsePassthrough;
import dev.claudebedrock.proxy.passthrough.RelayBedrockResponse;
import dev.claudebedrock.proxy.passthrough.RelayMantleResponse;
import dev.claudebedrock.proxy.reload.ReloadEndpoint;
import dev.claudebedrock.proxy.reload.Reloader;
import dev.claudebedrock.proxy.server.AdmitRequest;
import dev.claudebedrock.proxy.server.Authenticate;
import dev.claudebedrock.proxy.server.CommitStreamEarly;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.LimitRequest;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.RequestPath;
import dev.claudebedrock.proxy.server.Route;
import dev.claudebedrock.proxy.server.Routes;
import dev.claudebedrock.proxy.server.StreamTimings;
import dev.claudebedrock.proxy.server.WireDialect;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every request path of the gateway, stage by stage, in one place (ARCHITECTURE.md, "The request
 * path"). Read a list top to bottom and you know what happens to a request on that route: the first
 * stage sees the request first and the response last. Metrics and the access log are not stages:
 * they listen to every request ({@link LongLivedState#listener()}).
 *
 * <p>Everything here is derived from one configuration and the {@link LongLivedState}, which it only
 * uses: building the paths again from a new configuration and the same state keeps the targets'
 * circuit breakers, credentials, the cache and the metrics (ARCHITECTURE.md, "What outlives a
 * configuration").
 */
final class RequestPaths {
  private static final Set<HttpMethod> POST = Set.of(HttpMethod.POST);
  private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET, HttpMethod.HEAD);
  /** The pass-through's route label. */
  private static final String PASSTHROUGH = "bedrock";
  /** The OpenAI-compatible front door's route label (also served under {@code /openai/v1}). */
  private static final String CHAT_COMPLETIONS = "/v1/chat/completions";
  /** The native Messages API pass-through's routes. */
  private static final String MANTLE_MESSAGES = "/mantle/v1/messages";
  private static final String MANTLE_COUNT_TOKENS = "/mantle/v1/messages/count_tokens";

  private final ProxyConfig config;
  private final LongLivedState state;
  private final ModelCatalog catalog;
  private final InvokeBodyRewriter rewriter;
  private final BedrockErrorMapping errors;
  private final StreamTimings timings;
  private final RetryPolicy retry;
  private final Reloader reloader;

  /** @param reloader what {@code POST /admin/v1/config/reload} asks to reload the configuration */
  RequestPaths(ProxyConfig config, LongLivedState state, Reloader reloader) {
    this.config = config;
    this.state = state;
    this.reloader = reloader;
    this.catalog = new ModelCatalog(config.models(), config.aws().region());
    this.rewriter = new InvokeBodyRewriter(config.bedrockPolicy());
    this.errors = new BedrockErrorMapping(config.upstream().throttleRetryAfter(),
        config.upstream().overloadRetryAfter());
    this.timings = new StreamTimings(config.streaming().pingInterval().toMillis(),
        config.upstream().streamIdleTimeout().toMillis());
    this.retry = new RetryPolicy(config.gateway().retry());
    expectMetrics(state.metrics());
  }

  /**
   * Creates at 0 the series of what this configuration serves (its API routes with every status the gateway
   * answers, their durations and overheads, draining refusals, route choices), so dashboards show 0, not "No data",
   * before it happens (ARCHITECTURE.md, "Metrics that exist before anything happens").
   */
  private void expectMetrics(Metrics metrics) {
    Set<Integer> statuses = new TreeSet<>(List.of(200));
    for (ErrorType type : ErrorType.values()) {
      statuses.add(type.status());
    }
    Map<String, HttpMethod> apiRoutes = new LinkedHashMap<>();
    apiRoutes.put("/v1/messages", HttpMethod.POST);
    apiRoutes.put("/v1/messages/count_tokens", HttpMethod.POST);
    apiRoutes.put("/v1/models", HttpMethod.GET);
    apiRoutes.forEach((route, method) -> metrics.expectRequests(method.name(), route, statuses));
    Set<Integer> openAiStatuses = new TreeSet<>(statuses);
    openAiStatuses.remove(ErrorType.OVERLOADED.status());
    openAiStatuses.add(503);                                // OpenAI clients get 503 for overloaded
    metrics.expectRequests(HttpMethod.POST.name(), CHAT_COMPLETIONS, openAiStatuses);
    metrics.expectRequests(HttpMethod.GET.name(), ListOpenAiModels.PATH, openAiStatuses);
    metrics.expectUpstreamRoute(CHAT_COMPLETIONS);
    metrics.expectShed(CHAT_COMPLETIONS);
    if (config.passthrough().enabled()) {
      for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
        metrics.expectRequests(method.name(), PASSTHROUGH, statuses);
      }
      metrics.expectUpstreamRoute(PASSTHROUGH);
      metrics.expectShed(PASSTHROUGH);
      for (String route : List.of(MANTLE_MESSAGES, MANTLE_COUNT_TOKENS)) {
        metrics.expectRequests(HttpMethod.POST.name(), route, statuses);
        metrics.expectUpstreamRoute(route);
        metrics.expectShed(route);
      }
    }
    metrics.expectUpstreamRoute("/v1/messages");
    metrics.expectUpstreamRoute("/v1/messages/count_tokens");
    metrics.expectShed("/v1/messages");
    metrics.expectShed("/v1/messages/count_tokens");
    metrics.expectRequests(HttpMethod.POST.name(), Routes.DRAINING, List.of(ErrorType.OVERLOADED.status()));
    metrics.expectRouteChoices(PlanRoute.choices(config.gateway()));
  }

  /** The configuration the paths are built from. */
  ProxyConfig config() {
    return config;
  }

  /** The model table of this configuration. */
  ModelCatalog catalog() {
    return catalog;
  }

  /** When streams ping and when they give up on a silent upstream. */
  StreamTimings timings() {
    return timings;
  }

  /** The routes of one event loop; {@code bedrock} is that loop's upstream client. */
  Routes routes(Vertx vertx, BedrockHttpClient bedrock) {
    ServerConfig server = config.server();
    AuthConfig auth = config.auth();
    Health health = state.health();

    Governance governance = state.governance();
    Interceptor authenticate = new Authenticate(governance.directory(), auth.allowAnonymous(), state.tokens());
    Interceptor limit = new LimitRequest(server.maxBodyBytes());
    Interceptor readBody = new ReadBody(vertx, server.maxBodyBytes(), server.bodyReadTimeout().toMillis(),
        server.bodyMinBytesPerSecond(), state.admission());
    Interceptor admit = new AdmitRequest(vertx, state.admission());
    Interceptor plan = new PlanRoute(catalog, state.targets(), config.gateway());
    boolean panic = config.gateway().circuitBreaker().panic();
    Interceptor attempt = new AttemptUpstream(vertx, bedrock, retry, panic);

    WireDialect anthropic = AnthropicDialect.INSTANCE;
    RequestPath messages = new RequestPath("/v1/messages", anthropic, List.of(
        authenticate,                                       // authenticate: API token, named key or stored key
        limit,                                              // limit: declared size, content type
        admit,                                              // admission: a place among the requests in flight
        readBody,                                           // read the body, bounded in size and time
        ParseMessages.forMessages(),                        // parse: JSON, required fields
        plan,                                               // plan: route → targets, each with its model id
        new EnforceGovernance(governance, catalog, EnforceGovernance.Kind.MESSAGES),  // models, budgets, limits
        new CacheLookup(config.gateway().cache(), state.answers()),  // exact-match cache, when it applies
        new CommitStreamEarly(vertx, config.streaming().commitAfter(), timings.pingIntervalMs(),
            exchange -> exchange.get(MessagesRequest.KEY).stream()),  // a stream Bedrock keeps waiting: 200, pings
        MantleMessages.forMessagesBody(errors),             // api: mantle: the body as it came but the model
        new TranslateMessages(rewriter, errors),            // api: invoke: body out; JSON, SSE or error back
        attempt));                                          // attempt: sign → send; retry, fail over

    RequestPath countTokens = new RequestPath("/v1/messages/count_tokens", anthropic, List.of(
        authenticate,
        limit,
        admit,
        readBody,
        ParseMessages.forCountTokens(),
        plan,
        new EnforceGovernance(governance, catalog, EnforceGovernance.Kind.COUNT_TOKENS),
        new CountTokens(rewriter, errors),                  // CountTokens on the foundation model, or an estimate
        new MantleCountTokens(errors),                      // or, on api: mantle, its own count_tokens
        attempt));

    PassthroughConfig passthroughConfig = config.passthrough();
    boolean profilesFromCatalog = passthroughConfig.inferenceProfiles() == PassthroughConfig.InferenceProfiles.CATALOG;
    RequestPath passthrough = new RequestPath(PASSTHROUGH, BedrockDialect.INSTANCE, List.of(  // errors AWS SDKs read
        new Authenticate(governance.directory(), auth.allowAnonymous() || auth.passthroughAllowAnonymous(),
            state.tokens()),
        limit,
        admit,
        readBody,
        new ParsePassthrough(passthroughConfig, rewriter, state.targets().defaultTarget()),  // path, policy
        new EnforceGovernance(governance, catalog, EnforceGovernance.Kind.BEDROCK),
        new CatalogInferenceProfiles(profilesFromCatalog, catalog, config.aws().region(),
            passthroughConfig.accountId()),                 // profiles from the model table
        new RelayBedrockResponse(),                         // Bedrock's answer as it came; usage read on the way
        new AttemptUpstream(vertx, bedrock, RetryPolicy.none(), panic)));  // its clients retry themselves

    RequestPath chat = new RequestPath(CHAT_COMPLETIONS, OpenAiDialect.INSTANCE, List.of(
        authenticate,
        limit,
        admit,
        readBody,
        new ParseChatCompletions(new ChatRequestTranslator(config.openai().defaultMaxTokens(),
            config.openai().imageFetch().enabled()), config.openai().modelAliases()),  // Chat Completions → Messages
        plan,
        new EnforceGovernance(governance, catalog, EnforceGovernance.Kind.MESSAGES),
        new FetchImageUrls(vertx, config.openai().imageFetch()),  // http(s) image URLs, where allowed: inline
        new TranslateChatReply(),                           // Messages answer → chat.completion(.chunk)
        new CacheLookup(config.gateway().cache(), state.answers()),
        new CommitStreamEarly(vertx, config.streaming().commitAfter(), timings.pingIntervalMs(),
            exchange -> exchange.get(MessagesRequest.KEY).stream()),  // a stream Bedrock keeps waiting: 200, `: ping`
        MantleMessages.forTranslatedBody(errors),           // before TranslateMessages rewrites the body
        new TranslateMessages(rewriter, errors),
        attempt));

    RequestPath openAiModels = new RequestPath(ListOpenAiModels.PATH, OpenAiDialect.INSTANCE, List.of(
        authenticate,
        new ListOpenAiModels(catalog, config.openai().modelAliases())));

    Interceptor passthroughAuth = new Authenticate(governance.directory(),
        auth.allowAnonymous() || auth.passthroughAllowAnonymous(), state.tokens());
    Interceptor relayOnce = new AttemptUpstream(vertx, bedrock, RetryPolicy.none(), panic);  // clients retry
    RequestPath mantleMessages = new RequestPath(MANTLE_MESSAGES, anthropic, List.of(  // Anthropic clients
        passthroughAuth,
        limit,
        admit,
        readBody,
        ParseMessages.forMessages(),                        // parse: JSON, required fields; nothing changed
        new ParseMantlePassthrough(state.targets(), Operation.MESSAGES),  // the configured Mantle endpoint
        new EnforceGovernance(governance, catalog, EnforceGovernance.Kind.MESSAGES),
        new RelayMantleResponse(),                          // the answer as it came; usage read on the way
        relayOnce));

    RequestPath mantleCountTokens = new RequestPath(MANTLE_COUNT_TOKENS, anthropic, List.of(
        passthroughAuth,
        limit,
        admit,
        readBody,
        ParseMessages.forCountTokens(),
        new ParseMantlePassthrough(state.targets(), Operation.MESSAGES_COUNT_TOKENS),
        new EnforceGovernance(governance, catalog, EnforceGovernance.Kind.COUNT_TOKENS),
        new RelayMantleResponse(),
        relayOnce));

    RequestPath models = new RequestPath("/v1/models", anthropic, List.of(
        authenticate,
        new ListModels(catalog)));

    RequestPath keyInfo = new RequestPath("/v1/gateway/key", anthropic, List.of(
        authenticate,
        new KeyInfo(governance)));                          // a key's own budget, limits and spend

    List<Route> routes = new ArrayList<>();
    routes.add(new Route("/v1/messages", false, POST, messages, false));
    routes.add(new Route("/v1/gateway/key", false, GET, keyInfo, false));
    if (config.governance().adminEnabled() && config.governance().adminPort() == 0) {
      routes.addAll(adminRoutes(vertx));
    }
    routes.add(new Route("/v1/messages/count_tokens", false, POST, countTokens, false));
    routes.add(new Route("/v1/models", false, GET, models, false));
    routes.add(new Route("/v1/models/", true, GET, models, false));
    routes.add(new Route(CHAT_COMPLETIONS, false, POST, chat, false));
    routes.add(new Route("/openai" + CHAT_COMPLETIONS, false, POST, chat, false));
    routes.add(new Route(ListOpenAiModels.PATH, false, GET, openAiModels, false));
    routes.add(new Route(ListOpenAiModels.PATH + "/", true, GET, openAiModels, false));
    routes.add(new Route("/health", false, GET,
        operational("/health", auth.healthRequiresToken() ? authenticate : null, health.health()), true));
    routes.add(new Route("/health/live", false, GET,
        operational("/health/live", null, health.live()), true));
    routes.add(new Route("/health/ready", false, GET,
        operational("/health/ready", null, health.ready()), true));
    routes.add(new Route("/metrics", false, GET,
        operational("/metrics", auth.metricsRequiresToken() ? authenticate : null,
            new MetricsEndpoint(state.metrics())),
        true));
    if (passthroughConfig.enabled()) {
      routes.add(new Route("/bedrock/", true, Set.of(HttpMethod.GET, HttpMethod.POST), passthrough, false));
      routes.add(new Route(MANTLE_MESSAGES, false, POST, mantleMessages, false));
      routes.add(new Route(MANTLE_COUNT_TOKENS, false, POST, mantleCountTokens, false));
    }
    RequestPath hello = operational("HEAD /", null, RequestPaths::hello);
    routes.add(new Route("/", false, GET, hello, false));
    routes.add(new Route("/api/hello", false, GET, hello, false));
    return new Routes(routes, anthropic);
  }

  /** The admin API's routes alone, for a server on {@code admin.port}. */
  Routes adminOnly(Vertx vertx) {
    return new Routes(adminRoutes(vertx), AnthropicDialect.INSTANCE);
  }

  private List<Route> adminRoutes(Vertx vertx) {
    Governance governance = state.governance();
    ServerConfig server = config.server();
    Interceptor adminAuth = new AdminAuth(config.governance().adminToken(), governance.directory());  // the admin token
    RequestPath reload = new RequestPath(ReloadEndpoint.PATH, AnthropicDialect.INSTANCE, List.of(
        adminAuth,
        new ReloadEndpoint(vertx, reloader)));              // read, validate, swap; or say what is wrong
    RequestPath admin = new RequestPath("/admin/v1", AnthropicDialect.INSTANCE, List.of(
        adminAuth,
        new LimitRequest(1024 * 1024),
        new ReadBody(vertx, 1024 * 1024, server.bodyReadTimeout().toMillis(), server.bodyMinBytesPerSecond(),
            state.admission()),
        new AdminApi(vertx, governance.administration("admin-api"), governance.reports())));
    return List.of(
        new Route(ReloadEndpoint.PATH, false, Set.of(HttpMethod.GET, HttpMethod.POST), reload, false),
        new Route(AdminApi.PREFIX, true, Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE),
            admin, false));
  }

  private static RequestPath operational(String name, Interceptor authenticate, Interceptor endpoint) {
    List<Interceptor> stages = new ArrayList<>();
    if (authenticate != null) {
      stages.add(authenticate);
    }
    stages.add(endpoint);
    return new RequestPath(name, AnthropicDialect.INSTANCE, stages);
  }

  /** Claude Code's connection pre-warm ({@code HEAD /api/hello}, {@code HEAD /}): answered at once. */
  private static Future<Reply> hello(Interceptor.Chain chain) {
    return Future.succeededFuture(new Reply.Complete(200,
        HttpHeaders.headers().add("content-type", "application/json"), Buffer.buffer("{\"service\":\"claude-code\"}")));
  }
}
