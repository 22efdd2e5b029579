package dev.claudebedrock.proxy.config;

import java.util.List;
import java.util.Set;

/**
 * A routing rule: when a request matches every condition given, it goes to {@code route}.
 * Conditions left out match everything.
 *
 * @param name for logs
 * @param route the route chosen
 * @param requestClasses values of Claude Code's {@code x-claude-code-request-class} header
 * @param models client model names (after aliases), e.g. Claude Code's small/background model
 * @param minInputTokens estimated input size from which the rule applies (a long-context threshold); 0 for any
 * @param thinking whether extended thinking must be on ({@code true}) or off ({@code false}); null for either
 * @param clients names of client keys
 */
public record RoutingRule(String name, String route, List<String> requestClasses, List<String> models,
    long minInputTokens, Boolean thinking, List<String> clients) {

  public RoutingRule {
    requestClasses = List.copyOf(requestClasses);
    models = List.copyOf(models);
    clients = List.copyOf(clients);
  }

  static RoutingRule read(ConfigSection s, Set<String> routeNames) {
    String route = s.string("route", "");
    if (!routeNames.contains(route)) {
      throw s.invalid("route", route, "the name of a configured route: " + routeNames);
    }
    String name = s.string("name", route);
    ConfigSection when = s.section("when");
    String thinking = when.oneOf("thinking", "any", Set.of("any", "true", "false"));
    RoutingRule rule = new RoutingRule(name, route,
        when.strings("request_class", List.of()),
        when.strings("model", List.of()),
        when.integer("min_input_tokens", 0, 0, Integer.MAX_VALUE),
        thinking.equals("any") ? null : Boolean.valueOf(thinking),
        when.strings("client", List.of()));
    when.finish();
    s.finish();
    return rule;
  }
}
