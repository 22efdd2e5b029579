package dev.claudebedrock.proxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model route: client model names served by an ordered or weighted set of targets, each with
 * the model id it knows the model by.
 *
 * @param name how rules and the override header refer to it
 * @param models client model names (after aliases) the route serves by default; {@code *} for every model
 *     no other route names; empty for a route chosen only by rules
 * @param strategy how the targets are ordered for a request
 * @param targets the targets, in order
 * @param serviceTier the Bedrock service tier its requests are sent with ({@code default}: no header)
 */
public record RouteConfig(String name, List<String> models, Strategy strategy, List<RouteTarget> targets,
    ServiceTier serviceTier) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final Pattern MODEL_ID = Pattern.compile("[a-zA-Z0-9_.:/-]{1,2048}");

  public RouteConfig {
    models = List.copyOf(models);
    targets = List.copyOf(targets);
  }

  /** How a route orders its targets for a request. */
  public enum Strategy implements ConfigWord {
    /** {@code ordered}: first target first, the next ones on failure. */
    ORDERED("ordered"),
    /** {@code weighted}: a weighted random order for every request. */
    WEIGHTED("weighted");

    private final String word;

    Strategy(String word) {
      this.word = word;
    }

    @Override
    public String word() {
      return word;
    }
  }

  /**
   * One target of a route.
   *
   * @param target the target's name
   * @param model the model id to invoke there (empty: the client's model mapped with the target's geo prefix)
   * @param weight share of first attempts under the weighted strategy
   */
  public record RouteTarget(String target, String model, int weight) {}

  static RouteConfig read(String name, ConfigSection s, Set<String> targetNames) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException("Invalid configuration: route name \"" + name + "\" in " + s.path()
          + ": expected lower-case letters, digits, '_', '.' or '-' (1-64)");
    }
    List<RouteTarget> targets = new ArrayList<>();
    for (ConfigSection t : s.sections("targets")) {
      String target = t.string("target", "");
      if (!targetNames.contains(target)) {
        throw t.invalid("target", target, "the name of a configured target: " + targetNames);
      }
      String model = t.string("model", "");
      if (!model.isEmpty() && !MODEL_ID.matcher(model).matches()) {
        throw t.invalid("model", model, "a Bedrock model id, inference-profile id or ARN");
      }
      targets.add(new RouteTarget(target, model, t.integer("weight", 1, 1, 1000)));
      t.finish();
    }
    if (targets.isEmpty()) {
      throw s.invalid("targets", "[]", "at least one target ({target: name, model: id})");
    }
    RouteConfig route = new RouteConfig(name, s.strings("models", List.of()),
        s.choice("strategy", Strategy.ORDERED), targets, s.choice("service_tier", ServiceTier.DEFAULT));
    s.finish();
    return route;
  }
}
