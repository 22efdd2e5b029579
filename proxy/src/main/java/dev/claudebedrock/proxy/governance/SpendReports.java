package dev.claudebedrock.proxy.governance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spend and usage read back from the ledger: totals grouped by key, team, user, model or day from the
 * daily rollups, and the newest ledger rows. Blocking: call it from a worker thread.
 */
public final class SpendReports {
  private static final Map<String, String[]> GROUPS = Map.of(
      "key", new String[] {"key_id", "key_id"},
      "team", new String[] {"team_id", "team_id"},
      "user", new String[] {"user_name", "user"},
      "model", new String[] {"model", "model"},
      "day", new String[] {"day", "day"});
  private static final String[] SUMS = {"requests", "input_tokens", "output_tokens", "cache_creation_input_tokens",
      "cache_read_input_tokens"};

  private final Database db;

  public SpendReports(Database db) {
    this.db = db;
  }

  /** One line of a report: the group's value and its sums. */
  public record Line(String group, long[] counts, double costUsd) {}

  /** A spend report, as JSON or CSV. */
  public record Report(String field, List<Line> lines) {

    /** {@code {"data":[{field: …, "requests": …, …, "cost_usd": …}]}}. */
    public ObjectNode json() {
      ArrayNode data = Json.MAPPER.createArrayNode();
      for (Line line : lines) {
        ObjectNode row = data.addObject().put(field, line.group().isEmpty() ? null : line.group());
        for (int i = 0; i < SUMS.length; i++) {
          row.put(SUMS[i], line.counts()[i]);
        }
        row.put("cost_usd", line.costUsd());
      }
      return Json.MAPPER.createObjectNode().set("data", data);
    }

    /** The same as CSV with a header line. */
    public String csv() {
      StringBuilder csv = new StringBuilder(field);
      for (String sum : SUMS) {
        csv.append(',').append(sum);
      }
      csv.append(",cost_usd\n");
      for (Line line : lines) {
        csv.append(quote(line.group()));
        for (long count : line.counts()) {
          csv.append(',').append(count);
        }
        csv.append(',').append(line.costUsd()).append('\n');
      }
      return csv.toString();
    }

    private static String quote(String value) {
      return value.matches("[A-Za-z0-9_.:@+-]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }
  }

  /**
   * {@code GET /admin/v1/spend}: totals of requests Bedrock served between two UTC days (both included; default
   * the last 30 days), grouped by {@code key}, {@code team}, {@code user}, {@code model} or {@code day}.
   */
  public Report spend(String groupBy, String from, String to, String teamId) throws SQLException {
    String[] group = GROUPS.get(groupBy == null ? "key" : groupBy);
    if (group == null) {
      throw Administration.invalid("group_by must be one of key, team, user, model, day");
    }
    LocalDate last = date("to", to, LocalDate.now(java.time.ZoneOffset.UTC));
    LocalDate first = date("from", from, last.minusDays(29));
    if (first.isAfter(last)) {
      throw Administration.invalid("from must not be after to");
    }
    String sql = "SELECT " + group[0] + ", SUM(requests), SUM(input_tokens), SUM(output_tokens), "
        + "SUM(cache_creation_input_tokens), SUM(cache_read_input_tokens), SUM(cost_usd) FROM gateway_spend_daily "
        + "WHERE day >= ? AND day <= ?" + (teamId == null ? "" : " AND team_id = ?") + " GROUP BY " + group[0]
        + " ORDER BY " + (group[0].equals("day") ? "day" : "7 DESC, 1");
    try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, first.toString());
      s.setString(2, last.toString());
      if (teamId != null) {
        s.setString(3, teamId);
      }
      List<Line> lines = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long[] counts = new long[SUMS.length];
          for (int i = 0; i < counts.length; i++) {
            counts[i] = r.getLong(i + 2);
          }
          lines.add(new Line(r.getString(1), counts, Math.round(r.getDouble(7) * 1e6) / 1e6));
        }
      }
      return new Report(group[1], lines);
    }
  }

  /** {@code GET /admin/v1/requests}: the newest ledger rows, of one key or of all. */
  public ObjectNode requests(String keyId, int limit) throws SQLException {
    String sql = "SELECT request_id, at, key_id, key_name, team_id, user_name, session_id, route, model, bedrock_model, "
        + "region, input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, "
        + "cost_usd, status, served, duration_ms FROM gateway_ledger" + (keyId == null ? "" : " WHERE key_id = ?")
        + " ORDER BY at DESC, request_id DESC LIMIT ?";
    try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (keyId != null) {
        s.setString(i++, keyId);
      }
      s.setInt(i, limit);
      ArrayNode data = Json.MAPPER.createArrayNode();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          data.addObject().put("request_id", r.getString(1)).put("at", Instant.ofEpochMilli(r.getLong(2)).toString())
              .put("key_id", r.getString(3)).put("key_name", r.getString(4)).put("team_id", blank(r.getString(5)))
              .put("user", blank(r.getString(6))).put("session_id", r.getString(7)).put("route", r.getString(8))
              .put("model", r.getString(9)).put("bedrock_model", r.getString(10)).put("region", r.getString(11))
              .put("input_tokens", r.getLong(12)).put("output_tokens", r.getLong(13))
              .put("cache_write_5m_tokens", r.getLong(14)).put("cache_write_1h_tokens", r.getLong(15))
              .put("cache_read_input_tokens", r.getLong(16)).put("cost_usd", r.getDouble(17))
              .put("status", r.getInt(18)).put("served", r.getInt(19) == 1).put("duration_ms", r.getLong(20));
        }
      }
      return Json.MAPPER.createObjectNode().set("data", data);
    }
  }

  /** Spend in US dollars since {@code firstDay} (included), by key id and by team id, for budgets. */
  public Totals totalsSince(LocalDate firstDay) throws SQLException {
    Totals totals = new Totals(new java.util.HashMap<>(), new java.util.HashMap<>(), new java.util.TreeMap<>());
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "SELECT day, key_id, team_id, SUM(cost_usd) FROM gateway_spend_daily WHERE day >= ? GROUP BY day, key_id, team_id")) {
      s.setString(1, firstDay.toString());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          LocalDate day = LocalDate.parse(r.getString(1));
          double usd = r.getDouble(4);
          totals.byKey().computeIfAbsent(r.getString(2), k -> new java.util.TreeMap<>()).merge(day, usd, Double::sum);
          totals.organization().merge(day, usd, Double::sum);
          if (!r.getString(3).isEmpty()) {
            totals.byTeam().computeIfAbsent(r.getString(3), k -> new java.util.TreeMap<>()).merge(day, usd,
                Double::sum);
          }
        }
      }
    }
    return totals;
  }

  /** Spend per day by key id, by team id, and of the whole organization. */
  public record Totals(Map<String, java.util.NavigableMap<LocalDate, Double>> byKey,
      Map<String, java.util.NavigableMap<LocalDate, Double>> byTeam,
      java.util.NavigableMap<LocalDate, Double> organization) {}

  private static LocalDate date(String name, String value, LocalDate fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Administration.invalid(name + " must be a date written YYYY-MM-DD");
    }
  }

  private static String blank(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
