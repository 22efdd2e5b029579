package dev.claudebedrock.proxy.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway layer: targets beyond the default one, model routes, routing rules, retries and
 * failover, circuit breaking, the response cache and model discovery. All optional: without them
 * the gateway sends every request to the one target the {@code aws} section describes.
 */
public record GatewayConfig(Map<String, TargetConfig> targets, Map<String, RouteConfig> routes, RoutingConfig routing,
    RetryConfig retry, CircuitBreakerConfig circuitBreaker, CacheConfig cache, DiscoveryConfig discovery) {

  public GatewayConfig {
    targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    routes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(routes));
  }

  static GatewayConfig read(ConfigSection root, AwsConfig aws, ModelsConfig models) {
    Map<String, TargetConfig> targets = new LinkedHashMap<>();
    targets.put(TargetConfig.DEFAULT, TargetConfig.fromAws(aws, models.geoPrefix()));
    ConfigSection targetsSection = root.section("targets");
    for (String name : targetsSection.fileKeys()) {
      targets.put(name, TargetConfig.read(name, targetsSection.section(name), aws));
    }
    targetsSection.finish();

    Map<String, RouteConfig> routes = new LinkedHashMap<>();
    Map<String, String> routeOfModel = new HashMap<>();
    ConfigSection routesSection = root.section("routes");
    for (String name : routesSection.fileKeys()) {
      RouteConfig route = RouteConfig.read(name, routesSection.section(name), targets.keySet());
      for (String model : route.models()) {
        String other = routeOfModel.putIfAbsent(model, name);
        if (other != null) {
          throw routesSection.invalid(name + ".models", model,
              "a model named by one route only (also in " + other + ")");
        }
      }
      routes.put(name, route);
    }
    routesSection.finish();

    return new GatewayConfig(targets, routes,
        RoutingConfig.read(root.section("routing"), routes.keySet()),
        RetryConfig.read(root.section("retry")),
        CircuitBreakerConfig.read(root.section("circuit_breaker")),
        CacheConfig.read(root.section("cache")),
        DiscoveryConfig.read(root.section("discovery")));
  }

  /** The route serving a model name by default, if one names it (or {@code *}). */
  public RouteConfig routeFor(String model) {
    RouteConfig wildcard = null;
    for (RouteConfig route : routes.values()) {
      if (route.models().contains(model)) {
        return route;
      }
      if (route.models().contains("*")) {
        wildcard = route;
      }
    }
    return wildcard;
  }

  /** Routes by name. */
  public List<String> routeNames() {
    return List.copyOf(routes.keySet());
  }
}
