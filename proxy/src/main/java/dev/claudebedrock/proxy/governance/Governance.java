package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.config.GovernanceConfig;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.observability.Metrics;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys, teams, budgets, rate limits and the spend ledger, as one process holds them. Without an
 * admin token, a database or any budget or limit, nothing is stored and only the configuration's
 * keys are known: the gateway runs on a read-only root exactly as without governance.
 */
public final class Governance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Governance.class);

  private volatile GovernanceConfig config;
  private final Database database;
  private final GovernanceStore store;
  private final KeyDirectory directory;
  private volatile PriceTable prices;
  private final SpendReports reports;
  private final LedgerWriter ledger;
  private final BudgetBook budgets;
  private final RateLimiter limiter;

  private Governance(GovernanceConfig config, Database database, GovernanceStore store, KeyDirectory directory,
      PriceTable prices, SpendReports reports, LedgerWriter ledger, BudgetBook budgets, RateLimiter limiter) {
    this.config = config;
    this.database = database;
    this.store = store;
    this.directory = directory;
    this.prices = prices;
    this.reports = reports;
    this.ledger = ledger;
    this.budgets = budgets;
    this.limiter = limiter;
  }

  /** Opens the store when something needs it, and starts the refresh and ledger threads. */
  public static Governance start(ProxyConfig proxy, ModelCatalog catalog, Metrics metrics, Vertx vertx) {
    GovernanceConfig config = proxy.governance();
    List<ClientKey> keys = proxy.auth().keys();
    PriceTable prices = new PriceTable(proxy.pricing(), catalog);
    if (!config.storageNeeded(keys)) {
      return new Governance(config, null, null, new KeyDirectory(keys, config, null), prices, null, null, null, null);
    }
    Database database = Database.open(config.effectiveDatabaseUrl(), config.poolSize());
    try {
      GovernanceStore store = new GovernanceStore(database);
      KeyDirectory directory = new KeyDirectory(keys, config, store);
      SpendReports reports = new SpendReports(database);
      LedgerWriter ledger = new LedgerWriter(database, config.ledgerBatchSize(), config.ledgerFlushMs(),
          config.retentionDays());
      BudgetBook budgets = new BudgetBook(reports, config.alertWebhook(),
          (scope, ratio) -> metrics.budgetAlert(scope.kind()));
      ledger.afterWrite(budgets::committed);
      String redisUrl = proxy.gateway().cache().redisUrl();
      RateLimiter limiter;
      // Exported at 0 without Redis too: no decision fell back (dashboards show 0, not "No data").
      AtomicLong fallbacks = new AtomicLong();
      metrics.rateLimitFallbacks(fallbacks);
      metrics.expectGovernance();
      if (redisUrl.isEmpty()) {
        limiter = new LocalRateLimiter();
      } else {
        limiter = new RedisRateLimiter(vertx, redisUrl, "claude-bedrock-proxy:governance:",
            config.concurrencyLeaseSeconds(), fallbacks);
      }
      log.info("Governance store: {}; rate limits counted {}", database.describe(),
          redisUrl.isEmpty() ? "on this replica" : "in Redis, shared by replicas");
      Governance governance = new Governance(config, database, store, directory, prices, reports, ledger, budgets,
          limiter);
      governance.exportBudgetGauges(metrics);
      return governance;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private void exportBudgetGauges(Metrics metrics) {
    KeyPolicy org = config.organization();
    if (org.budget() != null) {
      BudgetScope scope = new BudgetScope("organization", BudgetBook.orgId(), "organization", org.budget());
      metrics.budgetUsedRatio("organization", "organization", () -> budgets.ratio(scope));
    }
    directory.onReload(snapshot -> snapshot.teams().forEach(team -> exportTeamGauge(metrics, team.name())));
  }

  /** Registers the budget gauge of a team, once (teams created later get theirs when a reload sees them). */
  private void exportTeamGauge(Metrics metrics, String teamName) {
    metrics.budgetUsedRatio("team", teamName, () -> {
      Team team = directory.snapshot().teamNamed(teamName);
      return team == null || team.policy().budget() == null ? 0
          : budgets.ratio(new BudgetScope("team", team.id(), team.name(), team.policy().budget()));
    });
  }

  /**
   * Takes a reloaded configuration: its keys and teams (the directory reloads at once), the organization's policy,
   * the admin token and the prices. Whether and where anything is stored is only a restart's to change.
   */
  public void reconfigure(ProxyConfig proxy, ModelCatalog catalog) {
    prices = new PriceTable(proxy.pricing(), catalog);
    config = proxy.governance();
    directory.reconfigure(proxy.auth().keys(), proxy.governance());
  }

  /** Whether keys, teams and spend are stored (the admin API and the ledger work). */
  public boolean stored() {
    return store != null;
  }

  public GovernanceConfig config() {
    return config;
  }
  public KeyDirectory directory() {
    return directory;
  }
  public PriceTable prices() {
    return prices;
  }
  /** Null when nothing is stored. */
  public GovernanceStore store() {
    return store;
  }
  /** Null when nothing is stored. */
  public SpendReports reports() {
    return reports;
  }
  /** Null when nothing is stored. */
  public LedgerWriter ledger() {
    return ledger;
  }
  /** Null when nothing is stored. */
  public BudgetBook budgets() {
    return budgets;
  }
  /** Null when nothing is stored. */
  public RateLimiter limiter() {
    return limiter;
  }

  /** The operations of the admin API and the command line, audited under {@code actor}. */
  public Administration administration(String actor) {
    return new Administration(store, directory, actor);
  }

  /** Writes the ledger's last rows (SIGTERM), then closes the threads and the pool. */
  @Override
  public void close() {
    if (ledger != null) {
      ledger.close();
    }
    if (budgets != null) {
      budgets.close();
    }
    if (limiter != null) {
      limiter.close();
    }
    directory.close();
    if (database != null) {
      database.close();
    }
  }
}
