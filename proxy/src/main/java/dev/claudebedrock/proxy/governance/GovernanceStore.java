package dev.claudebedrock.proxy.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.Budget;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.config.Limits;
import dev.claudebedrock.proxy.config.PolicyFields;
import dev.claudebedrock.proxy.config.ServiceTier;
import dev.claudebedrock.proxy.core.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Teams, keys and the audit log in the governance database. Every change runs in one transaction
 * with its audit entry and a bump of the change counter that replicas poll. Blocking: call it from a
 * worker thread, never from an event loop.
 */
public final class GovernanceStore {
  private static final String KEY_COLUMNS = "id, name, team_id, user_name, models, budget, limits, metadata, prefix, "
      + "last_four, secret_sha256, previous_sha256, previous_valid_until, expires_at, revoked_at, created_at, "
      + "updated_at, service_tier";
  private static final String TEAM_COLUMNS = "id, name, models, budget, limits, created_at, updated_at, service_tier";

  private final Database db;

  public GovernanceStore(Database db) {
    this.db = db;
  }

  /** The database behind the store. */
  public Database database() {
    return db;
  }

  /** The change counter: it moves whenever a team or key changes, on any replica. */
  public long version() throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "SELECT version FROM gateway_changes WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /** Every team, by name. */
  public List<Team> teams() throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "SELECT " + TEAM_COLUMNS + " FROM gateway_teams ORDER BY name");
        ResultSet r = s.executeQuery()) {
      List<Team> teams = new ArrayList<>();
      while (r.next()) {
        teams.add(team(r));
      }
      return teams;
    }
  }

  /** Every key, revoked ones included, newest first. */
  public List<VirtualKey> keys() throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "SELECT " + KEY_COLUMNS + " FROM gateway_keys ORDER BY created_at DESC, id");
        ResultSet r = s.executeQuery()) {
      List<VirtualKey> keys = new ArrayList<>();
      while (r.next()) {
        keys.add(key(r));
      }
      return keys;
    }
  }

  /** One key by id. */
  public Optional<VirtualKey> key(String id) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "SELECT " + KEY_COLUMNS + " FROM gateway_keys WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(key(r)) : Optional.empty();
      }
    }
  }

  /** One team by id. */
  public Optional<Team> team(String id) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "SELECT " + TEAM_COLUMNS + " FROM gateway_teams WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(team(r)) : Optional.empty();
      }
    }
  }

  /** Inserts a team (its name must be free). */
  public void insertTeam(Team team, Audit audit) throws SQLException {
    change(audit, c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO gateway_teams (" + TEAM_COLUMNS + ") "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, team.id());
        s.setString(2, team.name());
        setPolicy(s, 3, team.policy());
        s.setLong(6, team.createdAt());
        s.setLong(7, team.updatedAt());
        setText(s, 8, tierWord(team.policy()));
        s.executeUpdate();
      }
    });
  }

  /** Replaces a team's name and policy. */
  public void updateTeam(Team team, Audit audit) throws SQLException {
    change(audit, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE gateway_teams SET name = ?, models = ?, budget = ?, limits = ?, updated_at = ?, service_tier = ? "
              + "WHERE id = ?")) {
        s.setString(1, team.name());
        setPolicy(s, 2, team.policy());
        s.setLong(5, team.updatedAt());
        setText(s, 6, tierWord(team.policy()));
        s.setString(7, team.id());
        s.executeUpdate();
      }
    });
  }

  /** Deletes a team. */
  public void deleteTeam(String id, Audit audit) throws SQLException {
    change(audit, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM gateway_teams WHERE id = ?")) {
        s.setString(1, id);
        s.executeUpdate();
      }
    });
  }

  /** Inserts a key. */
  public void insertKey(VirtualKey key, Audit audit) throws SQLException {
    change(audit, c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO gateway_keys (" + KEY_COLUMNS + ") "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, key.id());
        setKeyFields(s, key, 2);
        s.executeUpdate();
      }
    });
  }

  /** Replaces every field of a key but its id. */
  public void updateKey(VirtualKey key, Audit audit) throws SQLException {
    change(audit, c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE gateway_keys SET name = ?, team_id = ?, user_name = ?, "
          + "models = ?, budget = ?, limits = ?, metadata = ?, prefix = ?, last_four = ?, secret_sha256 = ?, "
          + "previous_sha256 = ?, previous_valid_until = ?, expires_at = ?, revoked_at = ?, created_at = ?, "
          + "updated_at = ?, service_tier = ? WHERE id = ?")) {
        setKeyFields(s, key, 1);
        s.setString(18, key.id());
        s.executeUpdate();
      }
    });
  }

  /** The newest audit entries, newest first. */
  public List<AuditEntry> audit(int limit) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "SELECT id, at, actor, action, target, details FROM gateway_audit ORDER BY at DESC, id DESC LIMIT ?")) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        List<AuditEntry> entries = new ArrayList<>();
        while (r.next()) {
          entries.add(new AuditEntry(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
              r.getString(6)));
        }
        return entries;
      }
    }
  }

  /** What a change records in the audit log: who, what, on which team or key, with which details. */
  public record Audit(String actor, String action, String target, JsonNode details) {}

  private void change(Audit audit, Database.Work work) throws SQLException {
    db.inTransaction(c -> {
      work.run(c);
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO gateway_audit (id, at, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setString(1, KeySecrets.newId("aud"));
        s.setLong(2, System.currentTimeMillis());
        s.setString(3, audit.actor());
        s.setString(4, audit.action());
        s.setString(5, audit.target());
        s.setString(6, audit.details() == null ? null : audit.details().toString());
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE gateway_changes SET version = version + 1 WHERE id = 1")) {
        s.executeUpdate();
      }
    });
  }

  private static void setKeyFields(PreparedStatement s, VirtualKey key, int first) throws SQLException {
    int i = first;
    s.setString(i++, key.name());
    setText(s, i++, key.teamId().isEmpty() ? null : key.teamId());
    setText(s, i++, key.policy().user().isEmpty() ? null : key.policy().user());
    setPolicy(s, i, key.policy());
    i += 3;
    setText(s, i++, key.metadata() == null ? null : key.metadata().toString());
    s.setString(i++, key.prefix());
    s.setString(i++, key.lastFour());
    s.setString(i++, key.sha256());
    setText(s, i++, key.previousSha256());
    s.setLong(i++, key.previousValidUntil());
    s.setLong(i++, key.expiresAt());
    s.setLong(i++, key.revokedAt());
    s.setLong(i++, key.createdAt());
    s.setLong(i++, key.updatedAt());
    setText(s, i, tierWord(key.policy()));
  }

  private static String tierWord(KeyPolicy policy) {
    return policy.serviceTier() == null ? null : policy.serviceTier().word();
  }

  private static ServiceTier tier(String word) {
    return word == null ? null : ServiceTier.fromWord(word);
  }

  /** Models, budget and limits into three consecutive parameters. */
  private static void setPolicy(PreparedStatement s, int first, KeyPolicy policy) throws SQLException {
    setText(s, first, policy.models() == null ? null : modelsJson(policy.models()));
    setText(s, first + 1, policy.budget() == null ? null : policy.budget().toJson().toString());
    setText(s, first + 2, policy.limits().any() ? policy.limits().toJson().toString() : null);
  }

  private static String modelsJson(List<String> models) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    models.forEach(array::add);
    return array.toString();
  }

  private static void setText(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }

  private static Team team(ResultSet r) throws SQLException {
    KeyPolicy policy = new KeyPolicy("", "", PolicyFields.models(json(r.getString(3))),
        Budget.fromJson(json(r.getString(4))),
        Limits.fromJson(json(r.getString(5))), tier(r.getString(8)));
    return new Team(r.getString(1), r.getString(2), policy, r.getLong(6), r.getLong(7));
  }

  private static VirtualKey key(ResultSet r) throws SQLException {
    String user = r.getString(4);
    KeyPolicy policy = new KeyPolicy("", user == null ? "" : user, PolicyFields.models(json(r.getString(5))),
        Budget.fromJson(json(r.getString(6))), Limits.fromJson(json(r.getString(7))), tier(r.getString(18)));
    JsonNode metadata = json(r.getString(8));
    String team = r.getString(3);
    return new VirtualKey(r.getString(1), r.getString(2), team == null ? "" : team, policy,
        metadata instanceof ObjectNode o ? o : null, r.getString(9), r.getString(10), r.getString(11), r.getString(12),
        r.getLong(13), r.getLong(14), r.getLong(15), r.getLong(16), r.getLong(17));
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A governance record holds invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
