package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.KeyPolicy;

/**
 * A team: its budget, limits and allowed models bind every key it holds.
 *
 * @param id {@code team_…} for teams of the store, {@code cfg:<name>} for teams of the configuration file
 * @param name unique among teams; what the metrics and the configuration's keys call it
 * @param policy models, budget and limits (team and user are unused)
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record Team(String id, String name, KeyPolicy policy, long createdAt, long updatedAt) {
  /** Whether the team lives in the configuration file (read-only through the admin API). */
  public boolean fromConfig() {
    return id.startsWith("cfg:");
  }
}
