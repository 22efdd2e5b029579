package dev.claudebedrock.proxy.config;

import java.util.List;

/**
 * What binds a key or a team beyond its secret: who it belongs to, the models it may use, its budget and limits.
 *
 * @param team the team a key belongs to (a team's name); empty for none, and for teams themselves
 * @param user who uses the key (e.g. an e-mail address), shown in logs and the ledger; empty for none
 * @param models the model names (or aliases) allowed; null allows every model
 * @param budget the spending limit, or null for none
 * @param limits the rate limits
 * @param serviceTier the Bedrock service tier its requests are sent with, or null to leave it to the team, the
 *     client (where allowed) and the route (README "Service tiers")
 */
public record KeyPolicy(String team, String user, List<String> models, Budget budget, Limits limits,
    ServiceTier serviceTier) {
  /** No team, no user, every model, no budget, no limits, no tier of its own. */
  public static final KeyPolicy NONE = new KeyPolicy("", "", null, null, Limits.NONE, null);

  public KeyPolicy {
    models = models == null ? null : List.copyOf(models);
    limits = limits == null ? Limits.NONE : limits;
  }

  /** Whether a budget or any limit is set. */
  public boolean enforces() {
    return budget != null || limits.any();
  }

  /**
   * Reads {@code models}, {@code budget}, {@code limits}, and {@code team} and {@code user} when {@code withOwner} (a
   * key), {@code service_tier} when {@code withTier} (a key or a team).
   */
  static KeyPolicy read(ConfigSection s, boolean withOwner, boolean withTier) {
    String team = withOwner ? s.string("team", "") : "";
    String user = withOwner ? s.string("user", "") : "";
    List<String> models = s.node("models").map(node -> parse(s, "models", () -> PolicyFields.models(node)))
        .orElse(null);
    Budget budget = s.node("budget").map(node -> parse(s, "budget", () -> Budget.fromJson(node))).orElse(null);
    Limits limits = s.node("limits").map(node -> parse(s, "limits", () -> Limits.fromJson(node))).orElse(Limits.NONE);
    ServiceTier tier = withTier && s.node("service_tier").isPresent() ? s.choice("service_tier", ServiceTier.DEFAULT)
        : null;
    return new KeyPolicy(team, user, models, budget, limits, tier);
  }

  private static <T> T parse(ConfigSection s, String key, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw s.invalid(key, s.node(key).map(Object::toString).orElse(""), e.getMessage());
    }
  }
}
