package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.KeyPolicy;

/**
 * What a presented secret stands for: the key, its team, what binds it, and whether it may be used.
 *
 * @param keyId {@code key_…} for keys of the store, {@code cfg:<name>} for keys of the configuration
 * @param keyName the key's name
 * @param team the key's team, or null
 * @param policy the key's own user, models, budget and limits
 * @param status whether the secret works now
 */
public record Grant(String keyId, String keyName, Team team, KeyPolicy policy, Status status) {
  /** Whether a secret may be used. */
  public enum Status {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  /** The team's name, or empty. */
  public String teamName() {
    return team == null ? "" : team.name();
  }

  /** The team's id, or empty. */
  public String teamId() {
    return team == null ? "" : team.id();
  }
}
