package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.BudgetPeriod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each key, team and the organization has spent in its budget's current window, in memory so
 * that admission never waits on the database: the daily rollups of the ledger (every replica's
 * spend, reloaded every second and after each ledger batch this replica writes) plus this replica's
 * spend not yet written. A request is refused once a window is spent; requests already admitted
 * finish, so a budget can be overshot by what is in flight (and, across replicas, by up to a
 * second of the others' spend).
 */
public final class BudgetBook implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BudgetBook.class);
  private static final String ORG = "org";

  private final SpendReports reports;
  private final String webhook;
  private final BiConsumer<BudgetScope, Double> alertListener;
  private final ScheduledExecutorService refresher;
  private final Map<String, DoubleAdder> pendingByKey = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> pendingByTeam = new ConcurrentHashMap<>();
  private final DoubleAdder pendingOrg = new DoubleAdder();
  private final Set<String> alerted = ConcurrentHashMap.newKeySet();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile SpendReports.Totals totals = new SpendReports.Totals(Map.of(), Map.of(), new java.util.TreeMap<>());

  /**
   * @param reports where spend is read back from
   * @param webhook a URL to POST alerts to, or empty
   * @param alertListener told when a budget crosses its alert threshold (metrics)
   */
  public BudgetBook(SpendReports reports, String webhook, BiConsumer<BudgetScope, Double> alertListener) {
    this.reports = reports;
    this.webhook = webhook;
    this.alertListener = alertListener;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "budget-refresh");
      t.setDaemon(true);
      return t;
    });
    refresh();
    refresher.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.SECONDS);
  }

  /** Dollars spent in the budget's current window. */
  public double spent(BudgetScope scope) {
    LocalDate start = scope.budget().period().start(LocalDate.now(ZoneOffset.UTC));
    SpendReports.Totals t = totals;
    return switch (scope.kind()) {
      case "key" -> sum(t.byKey().get(scope.id()), start) + pending(pendingByKey, scope.id());
      case "team" -> sum(t.byTeam().get(scope.id()), start) + pending(pendingByTeam, scope.id());
      default -> sum(t.organization(), start) + pendingOrg.sum();
    };
  }

  /** The first budget of {@code scopes} that is spent, or null. */
  public BudgetScope exhausted(List<BudgetScope> scopes) {
    for (BudgetScope scope : scopes) {
      if (spent(scope) >= scope.budget().usd()) {
        return scope;
      }
    }
    return null;
  }

  /** Records a request's cost (not yet in the database) and checks the alert thresholds. */
  public void add(String keyId, String teamId, double usd, List<BudgetScope> scopes) {
    if (usd > 0) {
      pendingByKey.computeIfAbsent(keyId, k -> new DoubleAdder()).add(usd);
      if (!teamId.isEmpty()) {
        pendingByTeam.computeIfAbsent(teamId, k -> new DoubleAdder()).add(usd);
      }
      pendingOrg.add(usd);
    }
    for (BudgetScope scope : scopes) {
      checkAlert(scope);
    }
  }

  /** A ledger batch was committed: reload the totals, then stop counting its rows as pending (one thread does both). */
  public void committed(List<LedgerRow> rows) {
    List<LedgerRow> copy = List.copyOf(rows);
    refresher.execute(() -> {
      refresh();
      for (LedgerRow row : copy) {
        if (!row.served()) {
          continue;
        }
        pending(pendingByKey, row.keyId(), -row.costUsd());
        if (!row.teamId().isEmpty()) {
          pending(pendingByTeam, row.teamId(), -row.costUsd());
        }
        pendingOrg.add(-row.costUsd());
      }
    });
  }

  /** The share of a budget spent (for the {@code gateway_budget_used_ratio} gauge). */
  public double ratio(BudgetScope scope) {
    return scope.budget().usd() <= 0 ? 1 : spent(scope) / scope.budget().usd();
  }

  private void checkAlert(BudgetScope scope) {
    double ratio = ratio(scope);
    if (ratio * 100 < scope.budget().alertAtPercent()) {
      return;
    }
    BudgetPeriod period = scope.budget().period();
    String window = scope.kind() + ":" + scope.id() + ":" + period.start(LocalDate.now(ZoneOffset.UTC));
    if (!alerted.add(window)) {
      return;
    }
    log.warn("Budget alert: {} {} has spent {}% of its {} budget of ${} (alert at {}%)", scope.kind(), scope.name(),
        Math.round(ratio * 1000) / 10.0, period.word(),
        java.math.BigDecimal.valueOf(scope.budget().usd()).toPlainString(),
        scope.budget().alertAtPercent());
    alertListener.accept(scope, ratio);
    if (!webhook.isEmpty()) {
      String body = dev.claudebedrock.proxy.core.Json.MAPPER.createObjectNode().put("type", "budget_alert")
          .put("scope", scope.kind()).put("id", scope.id()).put("name", scope.name())
          .put("period", period.word()).put("budget_usd", scope.budget().usd())
          .put("spent_usd", Math.round(spent(scope) * 1e6) / 1e6)
          .put("alert_at_percent", scope.budget().alertAtPercent())
          .put("window_start", period.start(LocalDate.now(ZoneOffset.UTC)).toString()).toString();
      http.sendAsync(HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(10))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding())
          .whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() >= 300) {
              log.warn("Budget alert webhook failed: {}", failure != null ? failure.toString() : response.statusCode());
            }
          });
    }
  }

  private void refresh() {
    try {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      LocalDate monthStart = BudgetPeriod.MONTH.start(today);
      LocalDate weekStart = BudgetPeriod.WEEK.start(today);
      totals = reports.totalsSince(monthStart.isBefore(weekStart) ? monthStart : weekStart);
      alerted.removeIf(w -> !w.endsWith(today.toString()) && !w.endsWith(weekStart.toString())
          && !w.endsWith(monthStart.toString()));
    } catch (SQLException | RuntimeException e) {
      log.warn("Could not read spend totals from the governance database (the last ones stay in use): {}",
          e.getMessage());
    }
  }

  private static double sum(NavigableMap<LocalDate, Double> days, LocalDate from) {
    if (days == null) {
      return 0;
    }
    double total = 0;
    for (double usd : days.tailMap(from, true).values()) {
      total += usd;
    }
    return total;
  }

  private static double pending(Map<String, DoubleAdder> pending, String id) {
    DoubleAdder adder = pending.get(id);
    return adder == null ? 0 : adder.sum();
  }

  private static void pending(Map<String, DoubleAdder> pending, String id, double delta) {
    pending.computeIfAbsent(id, k -> new DoubleAdder()).add(delta);
  }

  /** The organization's budget scope id. */
  static String orgId() {
    return ORG;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
