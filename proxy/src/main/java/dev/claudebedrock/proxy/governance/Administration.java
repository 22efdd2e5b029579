package dev.claudebedrock.proxy.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.Budget;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.config.Limits;
import dev.claudebedrock.proxy.config.PolicyFields;
import dev.claudebedrock.proxy.config.ServiceTier;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Operations on teams and keys, shared by the admin API and the command line: JSON in, JSON out,
 * every change audited and applied to this replica's {@link KeyDirectory} at once (other replicas
 * pick it up from the change counter). Blocking: call it from a worker thread.
 */
public final class Administration {
  private static final Pattern TEAM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> TEAM_FIELDS = Set.of("name", "models", "budget", "limits", "service_tier");
  private static final Set<String> KEY_FIELDS = Set.of("name", "team_id", "user", "models", "expires_at", "budget",
      "limits", "metadata", "service_tier");
  private static final Set<String> ROTATE_FIELDS = Set.of("grace_seconds");
  private static final long MAX_GRACE_SECONDS = 30L * 24 * 3600;

  private final GovernanceStore store;
  private final KeyDirectory directory;
  private final String actor;

  /** @param actor who the audit log names for changes made through this instance ({@code admin-api}, {@code cli}) */
  public Administration(GovernanceStore store, KeyDirectory directory, String actor) {
    this.store = store;
    this.directory = directory;
    this.actor = actor;
  }

  // ---- teams

  /** {@code POST /admin/v1/teams}. */
  public ObjectNode createTeam(JsonNode body) throws SQLException {
    requireFields(body, TEAM_FIELDS);
    String name = teamName(body.get("name"));
    if (directory.snapshot().teamNamed(name) != null) {
      throw conflict("A team named \"" + name + "\" exists already");
    }
    long now = System.currentTimeMillis();
    Team team = new Team(KeySecrets.newId("team"), name, policy(body, KeyPolicy.NONE), now, now);
    store.insertTeam(team, audit("team.create", team.id(), body));
    directory.reload();
    return Views.team(team);
  }

  /** {@code GET /admin/v1/teams}. */
  public ObjectNode listTeams() {
    ArrayNode data = Json.MAPPER.createArrayNode();
    directory.snapshot().teams().stream().sorted(java.util.Comparator.comparing(Team::name))
        .forEach(t -> data.add(Views.team(t)));
    return Json.MAPPER.createObjectNode().set("data", data);
  }

  /** {@code GET /admin/v1/teams/{id}}. */
  public ObjectNode getTeam(String id) {
    return Views.team(existingTeam(id));
  }

  /** {@code PATCH /admin/v1/teams/{id}}: the fields given replace the team's; null clears one. */
  public ObjectNode updateTeam(String id, JsonNode body) throws SQLException {
    requireFields(body, TEAM_FIELDS);
    Team team = storedTeam(id);
    String name = body.has("name") ? teamName(body.get("name")) : team.name();
    Team other = directory.snapshot().teamNamed(name);
    if (other != null && !other.id().equals(id)) {
      throw conflict("A team named \"" + name + "\" exists already");
    }
    Team updated = new Team(id, name, policy(body, team.policy()), team.createdAt(), System.currentTimeMillis());
    store.updateTeam(updated, audit("team.update", id, body));
    directory.reload();
    return Views.team(updated);
  }

  /** {@code DELETE /admin/v1/teams/{id}}: only a team no active key belongs to. */
  public ObjectNode deleteTeam(String id) throws SQLException {
    Team team = storedTeam(id);
    long now = System.currentTimeMillis();
    long active = store.keys().stream().filter(k -> k.teamId().equals(id) && !k.revoked() && !k.expired(now)).count();
    if (active > 0) {
      throw conflict("Team " + id + " still has " + active + " active key(s): revoke them or move them to another"
          + " team first");
    }
    store.deleteTeam(id, audit("team.delete", id, null));
    directory.reload();
    return Json.MAPPER.createObjectNode().put("id", team.id()).put("deleted", true);
  }

  // ---- keys

  /** {@code POST /admin/v1/keys}: the answer holds the secret, the only time it is shown. */
  public ObjectNode createKey(JsonNode body) throws SQLException {
    requireFields(body, KEY_FIELDS);
    String name = keyName(body.get("name"));
    String teamId = teamId(body.get("team_id"));
    long now = System.currentTimeMillis();
    long expiresAt = expiry(body.get("expires_at"), now);
    String secret = KeySecrets.newSecret();
    VirtualKey key = new VirtualKey(KeySecrets.newId("key"), name, teamId, policy(body, KeyPolicy.NONE),
        metadata(body.get("metadata")), KeySecrets.shownPrefix(secret), KeySecrets.lastFour(secret),
        KeySecrets.sha256Hex(secret), null, 0, expiresAt, 0, now, now);
    store.insertKey(key, audit("key.create", key.id(), body));
    directory.reload();
    ObjectNode view = Views.key(key, now);
    view.put("key", secret);
    return view;
  }

  /** {@code GET /admin/v1/keys[?team_id=]}: never a secret. */
  public ObjectNode listKeys(String teamId) throws SQLException {
    long now = System.currentTimeMillis();
    ArrayNode data = Json.MAPPER.createArrayNode();
    for (VirtualKey key : store.keys()) {
      if (teamId == null || teamId.equals(key.teamId())) {
        data.add(Views.key(key, now));
      }
    }
    return Json.MAPPER.createObjectNode().set("data", data);
  }

  /** {@code GET /admin/v1/keys/{id}}. */
  public ObjectNode getKey(String id) throws SQLException {
    return Views.key(existingKey(id), System.currentTimeMillis());
  }

  /** {@code PATCH /admin/v1/keys/{id}}: the fields given replace the key's; null clears one. */
  public ObjectNode updateKey(String id, JsonNode body) throws SQLException {
    requireFields(body, KEY_FIELDS);
    VirtualKey key = existingKey(id);
    long now = System.currentTimeMillis();
    String name = body.has("name") ? keyName(body.get("name")) : key.name();
    String teamId = body.has("team_id") ? teamId(body.get("team_id")) : key.teamId();
    long expiresAt = body.has("expires_at") ? expiry(body.get("expires_at"), now) : key.expiresAt();
    ObjectNode metadata = body.has("metadata") ? metadata(body.get("metadata")) : key.metadata();
    VirtualKey updated = new VirtualKey(id, name, teamId, policy(body, key.policy()), metadata, key.prefix(),
        key.lastFour(), key.sha256(), key.previousSha256(), key.previousValidUntil(), expiresAt, key.revokedAt(),
        key.createdAt(), now);
    store.updateKey(updated, audit("key.update", id, body));
    directory.reload();
    return Views.key(updated, now);
  }

  /** {@code DELETE /admin/v1/keys/{id}}: revokes the key (its secret, and a rotated one, stop working). */
  public ObjectNode revokeKey(String id) throws SQLException {
    VirtualKey key = existingKey(id);
    long now = System.currentTimeMillis();
    if (key.revoked()) {
      return Views.key(key, now);
    }
    VirtualKey revoked = new VirtualKey(id, key.name(), key.teamId(), key.policy(), key.metadata(), key.prefix(),
        key.lastFour(), key.sha256(), key.previousSha256(), key.previousValidUntil(), key.expiresAt(), now,
        key.createdAt(), now);
    store.updateKey(revoked, audit("key.revoke", id, null));
    directory.reload();
    return Views.key(revoked, now);
  }

  /** {@code POST /admin/v1/keys/{id}/rotate}: a new secret; the old one works for {@code grace_seconds} more. */
  public ObjectNode rotateKey(String id, JsonNode body) throws SQLException {
    if (body != null && !body.isNull()) {
      requireFields(body, ROTATE_FIELDS);
    }
    JsonNode graceNode = body == null ? null : body.get("grace_seconds");
    long grace = 0;
    if (graceNode != null && !graceNode.isNull()) {
      if (!graceNode.isIntegralNumber() || graceNode.asLong() < 0 || graceNode.asLong() > MAX_GRACE_SECONDS) {
        throw invalid("grace_seconds must be an integer from 0 to " + MAX_GRACE_SECONDS + " (30 days)");
      }
      grace = graceNode.asLong();
    }
    VirtualKey key = existingKey(id);
    long now = System.currentTimeMillis();
    if (key.revoked()) {
      throw conflict("Key " + id + " is revoked; create a new key instead");
    }
    String secret = KeySecrets.newSecret();
    VirtualKey rotated = new VirtualKey(id, key.name(), key.teamId(), key.policy(), key.metadata(),
        KeySecrets.shownPrefix(secret), KeySecrets.lastFour(secret), KeySecrets.sha256Hex(secret), key.sha256(),
        now + grace * 1000, key.expiresAt(), 0, key.createdAt(), now);
    store.updateKey(rotated, audit("key.rotate", id, Json.MAPPER.createObjectNode().put("grace_seconds", grace)));
    directory.reload();
    ObjectNode view = Views.key(rotated, now);
    view.put("key", secret);
    view.put("previous_key_valid_until", Instant.ofEpochMilli(now + grace * 1000).toString());
    return view;
  }

  // ---- audit

  /** {@code GET /admin/v1/audit?limit=}: the newest changes first. */
  public ObjectNode audit(int limit) throws SQLException, java.io.IOException {
    ArrayNode data = Json.MAPPER.createArrayNode();
    for (AuditEntry entry : store.audit(limit)) {
      ObjectNode row = data.addObject().put("id", entry.id()).put("at", Instant.ofEpochMilli(entry.at()).toString())
          .put("actor", entry.actor()).put("action", entry.action()).put("target", entry.target());
      row.set("details", entry.details() == null ? null : Json.MAPPER.readTree(entry.details()));
    }
    return Json.MAPPER.createObjectNode().set("data", data);
  }

  // ---- validation

  private Team existingTeam(String id) {
    Team team = directory.snapshot().team(id);
    if (team == null) {
      throw notFound("No team with id " + id);
    }
    return team;
  }

  private Team storedTeam(String id) {
    Team team = existingTeam(id);
    if (team.fromConfig()) {
      throw conflict("Team " + team.name() + " is defined in the configuration file; change it there");
    }
    return team;
  }

  private VirtualKey existingKey(String id) throws SQLException {
    return store.key(id).orElseThrow(() -> notFound("No key with id " + id));
  }

  private String teamId(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw invalid("team_id must be the id of a team");
    }
    return existingTeam(node.asText()).id();
  }

  private static KeyPolicy policy(JsonNode body, KeyPolicy current) {
    try {
      String user = current.user();
      if (body.has("user")) {
        JsonNode node = body.get("user");
        if (!node.isNull() && (!node.isTextual() || node.asText().length() > 256)) {
          throw new IllegalArgumentException(
              "user must be a string of at most 256 characters (e.g. an e-mail address)");
        }
        user = node.isNull() ? "" : node.asText().strip();
      }
      List<String> models = body.has("models") ? PolicyFields.models(body.get("models")) : current.models();
      Budget budget = body.has("budget") ? Budget.fromJson(body.get("budget")) : current.budget();
      Limits limits = body.has("limits") ? Limits.fromJson(body.get("limits")) : current.limits();
      ServiceTier tier = body.has("service_tier") ? serviceTier(body.get("service_tier")) : current.serviceTier();
      return new KeyPolicy("", user, models, budget, limits, tier);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** A tier's word, or null (no tier of its own: the team's, the client's or the route's applies). */
  private static ServiceTier serviceTier(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    ServiceTier tier = node.isTextual() ? ServiceTier.fromWord(node.asText()) : null;
    if (tier == null) {
      throw new IllegalArgumentException("service_tier must be one of priority, default, flex, or null to inherit");
    }
    return tier;
  }

  private static String teamName(JsonNode node) {
    if (node == null || !node.isTextual() || !TEAM_NAME.matcher(node.asText()).matches()) {
      throw invalid("name: a team name of 1-64 letters, digits, '.', '_' or '-' is required");
    }
    return node.asText();
  }

  private static String keyName(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > 128) {
      throw invalid("name: a key name of 1-128 characters is required");
    }
    return node.asText().strip();
  }

  private static long expiry(JsonNode node, long now) {
    if (node == null || node.isNull()) {
      return 0;
    }
    try {
      long at = Instant.parse(node.asText()).toEpochMilli();
      if (at <= now) {
        throw invalid("expires_at must be in the future");
      }
      return at;
    } catch (DateTimeParseException e) {
      throw invalid("expires_at must be a UTC timestamp such as 2027-01-31T00:00:00Z");
    }
  }

  private static ObjectNode metadata(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject() || node.toString().length() > 8192) {
      throw invalid("metadata must be a JSON object of at most 8 KB");
    }
    return (ObjectNode) node;
  }

  private static void requireFields(JsonNode body, Set<String> allowed) {
    if (body == null || !body.isObject()) {
      throw invalid("The request body must be a JSON object");
    }
    for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext();) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw invalid(field + ": unknown field; allowed: " + new TreeSet<>(allowed));
      }
    }
  }

  private GovernanceStore.Audit audit(String action, String target, JsonNode details) {
    return new GovernanceStore.Audit(actor, action, target, details);
  }

  static ApiException invalid(String message) {
    return ApiError.of(ErrorType.INVALID_REQUEST, message).exception();
  }

  static ApiException notFound(String message) {
    return ApiError.of(ErrorType.NOT_FOUND, message).exception();
  }

  static ApiException conflict(String message) {
    return new ApiError(ErrorType.INVALID_REQUEST, 409, message, java.util.Map.of()).exception();
  }
}
