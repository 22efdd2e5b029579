package dev.claudebedrock.proxy.governance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.core.Json;
import java.time.Instant;

/** The JSON the admin API answers with for teams and keys (never a secret). */
final class Views {
  private Views() {}

  static ObjectNode team(Team team) {
    ObjectNode json = Json.MAPPER.createObjectNode().put("id", team.id()).put("name", team.name());
    policy(json, team.policy());
    json.put("source", team.fromConfig() ? "config" : "store");
    time(json, "created_at", team.createdAt());
    time(json, "updated_at", team.updatedAt());
    return json;
  }

  static ObjectNode key(VirtualKey key, long now) {
    ObjectNode json = Json.MAPPER.createObjectNode().put("id", key.id()).put("name", key.name());
    json.put("team_id", key.teamId().isEmpty() ? null : key.teamId());
    json.put("user", key.policy().user().isEmpty() ? null : key.policy().user());
    policy(json, key.policy());
    json.set("metadata", key.metadata());
    json.put("key_hint", key.prefix() + "…" + key.lastFour());
    json.put("status", key.revoked() ? "revoked" : key.expired(now) ? "expired" : "active");
    time(json, "expires_at", key.expiresAt());
    time(json, "revoked_at", key.revokedAt());
    time(json, "created_at", key.createdAt());
    time(json, "updated_at", key.updatedAt());
    return json;
  }

  /** {@code models}, {@code budget}, {@code limits} and {@code service_tier} (null when unset). */
  static void policy(ObjectNode json, KeyPolicy policy) {
    if (policy.models() == null) {
      json.putNull("models");
    } else {
      ArrayNode models = json.putArray("models");
      policy.models().forEach(models::add);
    }
    json.set("budget", policy.budget() == null ? null : policy.budget().toJson());
    json.set("limits", policy.limits().any() ? policy.limits().toJson() : null);
    json.put("service_tier", policy.serviceTier() == null ? null : policy.serviceTier().word());
  }

  private static void time(ObjectNode json, String field, long epochMillis) {
    if (epochMillis > 0) {
      json.put(field, Instant.ofEpochMilli(epochMillis).toString());
    } else {
      json.putNull(field);
    }
  }
}
