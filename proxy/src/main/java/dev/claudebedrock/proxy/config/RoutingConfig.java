package dev.claudebedrock.proxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a request picks its route, in this order: the override header (when allowed), the rules in
 * the order written, the route naming the model, the route for {@code *}, and last the built-in
 * route to the default target.
 *
 * @param overrideHeader the header a client may name a route in
 * @param allowOverride whether the header is honoured
 * @param rules the rules, first match wins
 * @param allowClientServiceTier whether a client's {@code x-amzn-bedrock-service-tier} header chooses the request's
 *     Bedrock service tier (over its route's)
 */
public record RoutingConfig(String overrideHeader, boolean allowOverride, List<RoutingRule> rules,
    boolean allowClientServiceTier) {
  private static final Pattern HEADER = Pattern.compile("[a-z0-9-]{1,64}");

  public RoutingConfig {
    rules = List.copyOf(rules);
  }

  static RoutingConfig read(ConfigSection s, Set<String> routeNames) {
    String header = s.string("override_header", "x-gateway-route").toLowerCase(java.util.Locale.ROOT);
    if (!HEADER.matcher(header).matches()) {
      throw s.invalid("override_header", header, "a header name (letters, digits, '-')");
    }
    List<RoutingRule> rules = new ArrayList<>();
    for (ConfigSection rule : s.sections("rules")) {
      rules.add(RoutingRule.read(rule, routeNames));
    }
    RoutingConfig config = new RoutingConfig(header, s.bool("allow_override", false), rules,
        s.bool("allow_client_service_tier", false));
    s.finish();
    return config;
  }
}
