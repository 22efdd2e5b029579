package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.ModelIds;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.config.GatewayConfig;
import dev.claudebedrock.proxy.config.RouteConfig;
import dev.claudebedrock.proxy.config.RoutingConfig;
import dev.claudebedrock.proxy.config.RoutingRule;
import dev.claudebedrock.proxy.config.ServiceTier;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.AttributeKey;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses where a request goes, in a documented order: the override header (when the operator
 * allows it), the routing rules in the order written, the route that names the model, the route
 * for {@code *}, and last the default target. The route's targets, each with the model id it knows
 * the model by, become the plan; the chosen route is reported in {@code x-gateway-route}.
 */
public final class PlanRoute implements Interceptor {
  /** Response header naming the route chosen. */
  public static final String ROUTE_HEADER = "x-gateway-route";
  /** Name of the route to the default target, used when no configured route applies. */
  public static final String DEFAULT_ROUTE = "default";
  /** The header Claude Code may send to classify a request (main loop, background work, ...). */
  public static final String REQUEST_CLASS_HEADER = "x-claude-code-request-class";
  /** The Bedrock service tier the request is sent with, for the attempt stage. */
  public static final AttributeKey<ServiceTier> SERVICE_TIER = AttributeKey.named("service-tier");

  private final ModelCatalog catalog;
  private final Targets targets;
  private final GatewayConfig gateway;

  public PlanRoute(ModelCatalog catalog, Targets targets, GatewayConfig gateway) {
    this.catalog = catalog;
    this.targets = targets;
    this.gateway = gateway;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    Choice choice = choose(exchange, request);
    Plan plan = plan(choice, request.model());
    exchange.put(Plan.KEY, plan);
    exchange.put(SERVICE_TIER, serviceTier(exchange, choice.route()));
    exchange.facts().bedrockModel(plan.steps().get(0).modelId()).routeChoice(plan.route()).routeReason(choice.reason());
    exchange.listener().routed(exchange, plan.route(), choice.reason());
    return chain.proceed()
        .map(reply -> {
          if (reply.headers() != null) {
            reply.headers().set(ROUTE_HEADER, plan.route());
          }
          return reply;
        })
        .recover(failure -> Future.failedFuture(failure instanceof ApiException api
            ? api.error().withHeader(ROUTE_HEADER, plan.route()).exception() : failure));
  }

  /**
   * Every route a request can be planned on under this configuration, with the reasons it may be chosen for, in the
   * words of {@code gateway_route_selections_total}: {@code override}, {@code rule}, {@code model}, {@code default}.
   */
  public static Map<String, Set<String>> choices(GatewayConfig gateway) {
    Map<String, Set<String>> choices = new TreeMap<>();
    boolean override = gateway.routing().allowOverride();
    for (RouteConfig route : gateway.routes().values()) {
      if (!route.models().isEmpty()) {
        choices.computeIfAbsent(route.name(), r -> new TreeSet<>()).add("model");
      }
      if (override) {
        choices.computeIfAbsent(route.name(), r -> new TreeSet<>()).add("override");
      }
    }
    for (RoutingRule rule : gateway.routing().rules()) {
      choices.computeIfAbsent(rule.route(), r -> new TreeSet<>()).add("rule");
    }
    boolean wildcard = gateway.routes().values().stream().anyMatch(r -> r.models().contains("*"));
    if (!wildcard) {
      choices.computeIfAbsent(DEFAULT_ROUTE, r -> new TreeSet<>()).add("default");
    }
    if (override) {
      choices.computeIfAbsent(DEFAULT_ROUTE, r -> new TreeSet<>()).add("override");
    }
    return choices;
  }

  /** The client's tier where the operator allows clients to choose, else the route's. */
  private ServiceTier serviceTier(Exchange exchange, RouteConfig route) {
    String asked = exchange.request().getHeader(ServiceTier.HEADER);
    if (asked != null && gateway.routing().allowClientServiceTier()) {
      ServiceTier tier = ServiceTier.fromWord(asked);
      if (tier == null) {
        throw ApiError.of(ErrorType.INVALID_REQUEST, ServiceTier.HEADER + ": expected one of priority, default, flex")
            .exception();
      }
      return tier;
    }
    return route == null ? ServiceTier.DEFAULT : route.serviceTier();
  }

  private Choice choose(Exchange exchange, MessagesRequest request) {
    RoutingConfig routing = gateway.routing();
    String override = exchange.request().getHeader(routing.overrideHeader());
    if (override != null && routing.allowOverride()) {
      RouteConfig route = gateway.routes().get(override.strip());
      if (route == null && !override.strip().equals(DEFAULT_ROUTE)) {
        throw ApiError.of(ErrorType.INVALID_REQUEST, routing.overrideHeader() + ": no route named \"" + override.strip()
            + "\"; routes: " + gateway.routeNames()).exception();
      }
      return new Choice(route, "override");
    }
    String model = catalog.canonicalName(request.model());
    long[] estimate = {-1};
    for (RoutingRule rule : routing.rules()) {
      if (matches(rule, exchange, request, model, estimate)) {
        return new Choice(gateway.routes().get(rule.route()), "rule:" + rule.name());
      }
    }
    RouteConfig byModel = gateway.routeFor(model);
    return byModel != null ? new Choice(byModel, "model") : new Choice(null, "default");
  }

  private static boolean matches(RoutingRule rule, Exchange exchange, MessagesRequest request, String model,
      long[] estimate) {
    if (!rule.requestClasses().isEmpty()) {
      String requestClass = exchange.request().getHeader(REQUEST_CLASS_HEADER);
      if (requestClass == null || !rule.requestClasses().contains(requestClass.strip())) {
        return false;
      }
    }
    if (!rule.models().isEmpty() && !rule.models().contains(model) && !rule.models().contains(request.model())) {
      return false;
    }
    if (rule.thinking() != null && rule.thinking() != request.thinking()) {
      return false;
    }
    if (!rule.clients().isEmpty() && !rule.clients().contains(exchange.get(Identity.KEY).key())) {
      return false;
    }
    if (rule.minInputTokens() > 0) {
      if (estimate[0] < 0) {
        estimate[0] = request.estimatedInputTokens();
      }
      return estimate[0] >= rule.minInputTokens();
    }
    return true;
  }

  private Plan plan(Choice choice, String clientModel) {
    if (choice.route() == null) {
      Target target = targets.defaultTarget();
      ResolvedModel model = resolve(clientModel, target);
      return new Plan(model, DEFAULT_ROUTE, List.of(new Plan.Step(target, model.bedrockId(), model.countTokensId())));
    }
    RouteConfig route = choice.route();
    List<RouteConfig.RouteTarget> order = route.strategy() == RouteConfig.Strategy.WEIGHTED
        ? weightedOrder(route.targets()) : route.targets();
    List<Plan.Step> steps = new ArrayList<>();
    ResolvedModel first = null;
    for (RouteConfig.RouteTarget routeTarget : order) {
      Target target = targets.get(routeTarget.target());
      ResolvedModel model = routeTarget.model().isEmpty()
          ? resolve(clientModel, target)
          : new ResolvedModel(clientModel, routeTarget.model(), countTokensId(routeTarget.model()));
      first = first == null ? model : first;
      steps.add(new Plan.Step(target, model.bedrockId(), model.countTokensId()));
    }
    return new Plan(first, route.name(), steps);
  }

  private ResolvedModel resolve(String clientModel, Target target) {
    Optional<ResolvedModel> model = catalog.resolve(clientModel, target.geoPrefix(), target.profiles());
    if (model.isEmpty()) {
      throw ApiError.of(ErrorType.NOT_FOUND, "model: " + clientModel
          + " is not a model this gateway serves; use a Claude model name (e.g. claude-sonnet-4-5-20250929), "
          + "an alias such as sonnet, a Bedrock model id or an inference-profile ARN").exception();
    }
    return model.get();
  }

  private static String countTokensId(String bedrockId) {
    return ModelIds.isApplicationProfile(bedrockId) ? "" : ModelIds.foundationModelId(bedrockId);
  }

  /** A weighted random order: each position drawn by weight among the targets not yet placed. */
  static List<RouteConfig.RouteTarget> weightedOrder(List<RouteConfig.RouteTarget> targets) {
    List<RouteConfig.RouteTarget> left = new ArrayList<>(targets);
    List<RouteConfig.RouteTarget> order = new ArrayList<>(targets.size());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!left.isEmpty()) {
      int total = left.stream().mapToInt(RouteConfig.RouteTarget::weight).sum();
      int pick = random.nextInt(total);
      for (int i = 0; i < left.size(); i++) {
        pick -= left.get(i).weight();
        if (pick < 0) {
          order.add(left.remove(i));
          break;
        }
      }
    }
    return order;
  }

  private record Choice(RouteConfig route, String reason) {}
}
