package dev.claudebedrock.proxy.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.Budget;
import dev.claudebedrock.proxy.config.BudgetPeriod;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.time.Instant;

/**
 * {@code GET /v1/gateway/key}: a key's owner reads, with the key itself, its team, allowed models,
 * limits, budgets (its own, its team's, the organization's) with what is spent and when it resets,
 * and its spend today and this month. Answered from memory.
 */
public final class KeyInfo implements Interceptor {
  private final Governance governance;

  public KeyInfo(Governance governance) {
    this.governance = governance;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Identity identity = chain.exchange().get(Identity.KEY);
    Grant grant = governance.directory().grantOf(identity);
    KeyPolicy policy = grant == null ? KeyPolicy.NONE : grant.policy();
    ObjectNode json = Json.MAPPER.createObjectNode().put("id", identity.keyId()).put("name", identity.key());
    json.put("user", identity.user().isEmpty() ? null : identity.user());
    Team team = grant == null ? null : grant.team();
    if (team == null) {
      json.putNull("team");
    } else {
      json.putObject("team").put("id", team.id()).put("name", team.name());
    }
    Views.policy(json, policy);
    json.set("budget", budget("key", identity.keyId(), identity.key(), policy.budget()));
    json.set("team_budget", team == null ? null : budget("team", team.id(), team.name(), team.policy().budget()));
    json.set("team_limits", team == null || !team.policy().limits().any() ? null : team.policy().limits().toJson());
    KeyPolicy org = governance.config().organization();
    json.set("organization_budget", budget("organization", BudgetBook.orgId(), "organization", org.budget()));
    json.set("organization_limits", org.limits().any() ? org.limits().toJson() : null);
    if (governance.stored()) {
      ObjectNode spend = json.putObject("spend");
      spend.put("today_usd", spent(identity, BudgetPeriod.DAY));
      spend.put("this_month_usd", spent(identity, BudgetPeriod.MONTH));
    }
    return Future.succeededFuture(new Reply.Complete(200,
        HttpHeaders.headers().add("content-type", "application/json"), Buffer.buffer(json.toString())));
  }

  private double spent(Identity identity, BudgetPeriod period) {
    BudgetScope scope = new BudgetScope("key", identity.keyId(), identity.key(), new Budget(0, period, 100));
    return round(governance.budgets().spent(scope));
  }

  private ObjectNode budget(String kind, String id, String name, Budget budget) {
    if (budget == null) {
      return null;
    }
    ObjectNode json = budget.toJson();
    if (governance.stored()) {
      double spent = governance.budgets().spent(new BudgetScope(kind, id, name, budget));
      json.put("spent_usd", round(spent)).put("remaining_usd", round(Math.max(0, budget.usd() - spent)));
    }
    json.put("resets_at", budget.period().reset(Instant.now()).toString());
    return json;
  }

  private static double round(double usd) {
    return Math.round(usd * 1e6) / 1e6;
  }
}
