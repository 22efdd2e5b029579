package dev.claudebedrock.proxy.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keys, teams, budgets, rate limits and the spend ledger: the admin API's token and port, where the
 * store lives, the organization's own budget and limits, teams defined in the file, and the ledger's
 * batching and retention.
 *
 * @param adminToken the admin API's bearer token ({@code ADMIN_API_TOKEN}); empty disables the admin API
 * @param adminPort a port of its own for the admin API; 0 serves it on the main port
 * @param databaseUrl {@code sqlite:PATH} or {@code postgres://user:pass@host:port/db} ({@code DATABASE_URL});
 *     empty picks {@link #DEFAULT_DATABASE} when storage is needed
 * @param poolSize the database connection pool's size
 * @param organization the budget and limits over every key
 * @param teams teams defined in the file (GitOps); keys name them by {@code team}
 * @param refreshMs how often each replica looks for changes made through another one
 * @param alertWebhook a URL that receives a JSON POST when a budget crosses its alert threshold; empty for none
 * @param ledgerBatchSize the most ledger rows written in one transaction
 * @param ledgerFlushMs the longest a ledger row waits before it is written
 * @param retentionDays how long ledger rows are kept (daily rollups are kept)
 * @param concurrencyLeaseSeconds how long a shared concurrency slot outlives a replica that died holding it
 */
public record GovernanceConfig(
    String adminToken,
    int adminPort,
    String databaseUrl,
    int poolSize,
    KeyPolicy organization,
    List<TeamConfig> teams,
    int refreshMs,
    String alertWebhook,
    int ledgerBatchSize,
    int ledgerFlushMs,
    int retentionDays,
    int concurrencyLeaseSeconds) {
  /** The SQLite file used when storage is needed and no {@code DATABASE_URL} is given. */
  public static final String DEFAULT_DATABASE = "sqlite:data/gateway.db";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public GovernanceConfig {
    teams = List.copyOf(teams);
  }

  /** A team defined in the configuration file. */
  public record TeamConfig(String name, KeyPolicy policy) {}

  static GovernanceConfig read(ConfigSection admin, ConfigSection database, ConfigSection governance) {
    String token = admin.secret("token");
    if (!token.isEmpty() && token.length() < 16) {
      throw admin.invalid("token", "<redacted>", "a token of at least 16 characters (ADMIN_API_TOKEN)");
    }
    int adminPort = admin.integer("port", 0, 0, 65535);
    admin.finish();

    String url = database.secret("url").strip();
    if (!url.isEmpty() && !url.startsWith("sqlite:") && !url.matches("postgres(ql)?://.+")) {
      throw database.invalid("url", "<redacted>",
          "sqlite:PATH or postgres://user:password@host:port/database (DATABASE_URL)");
    }
    int poolSize = database.integer("pool_size", 4, 1, 64);
    database.finish();

    ConfigSection org = governance.section("organization");
    KeyPolicy organization = KeyPolicy.read(org, false, false);
    org.finish();
    List<TeamConfig> teams = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigSection team : governance.sections("teams")) {
      String name = team.string("name", "");
      if (!NAME.matcher(name).matches()) {
        throw team.invalid("name", name, "a name of 1-64 letters, digits, '.', '_' or '-'");
      }
      if (!names.add(name)) {
        throw team.invalid("name", name, "a name not used by another team");
      }
      teams.add(new TeamConfig(name, KeyPolicy.read(team, false, true)));
      team.finish();
    }
    ConfigSection ledger = governance.section("ledger");
    GovernanceConfig config = new GovernanceConfig(token, adminPort, url, poolSize, organization, teams,
        governance.integer("refresh_ms", 250, 50, 60_000),
        governance.secret("alert_webhook").strip(),
        ledger.integer("batch_size", 500, 1, 100_000),
        ledger.integer("flush_interval_ms", 1000, 10, 60_000),
        ledger.integer("retention_days", 90, 1, 36_500),
        governance.integer("concurrency_lease_seconds", 900, 10, 86_400));
    ledger.finish();
    governance.finish();
    if (!config.alertWebhook().isEmpty() && !config.alertWebhook().matches("https?://.+")) {
      throw governance.invalid("alert_webhook", "<redacted>", "an http:// or https:// URL");
    }
    return config;
  }

  /** Whether the admin API is served. */
  public boolean adminEnabled() {
    return !adminToken.isEmpty();
  }

  /** The team defined in the file under a name, or null. */
  public TeamConfig team(String name) {
    for (TeamConfig team : teams) {
      if (team.name().equals(name)) {
        return team;
      }
    }
    return null;
  }

  /**
   * Whether anything needs the store: the admin API, an explicit database, or a budget or limit anywhere
   * (the static keys' policies are passed in, as the {@code auth} section holds them).
   */
  public boolean storageNeeded(List<ClientKey> keys) {
    return adminEnabled() || !databaseUrl.isEmpty() || organization.enforces()
        || teams.stream().anyMatch(t -> t.policy().enforces())
        || keys.stream().anyMatch(k -> k.policy().enforces());
  }

  /** The database to use: {@code DATABASE_URL} or the default SQLite file. */
  public String effectiveDatabaseUrl() {
    return databaseUrl.isEmpty() ? DEFAULT_DATABASE : databaseUrl;
  }
}
