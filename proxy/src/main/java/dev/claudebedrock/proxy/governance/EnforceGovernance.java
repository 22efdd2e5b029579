package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.ModelIds;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.config.Budget;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.config.Limits;
import dev.claudebedrock.proxy.config.ServiceTier;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.gateway.PlanRoute;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Governance before anything reaches Bedrock, the same on every route: the model must be one the
 * key, its team and the organization allow (403), no budget of theirs may be spent (429
 * {@code billing_error}, or 403 {@code AccessDeniedException} on the pass-through), and every rate
 * limit must have room (429). Admitted responses carry Anthropic's {@code anthropic-ratelimit-*}
 * headers when a limit applies. A service tier of the key's own, else of its team, is the one Bedrock is asked for.
 */
public final class EnforceGovernance implements Interceptor {
  /** What a route spends. */
  public enum Kind {
    /** {@code /v1/messages}: model, budgets, limits. */
    MESSAGES,
    /** {@code /v1/messages/count_tokens}: the model only (counting costs nothing). */
    COUNT_TOKENS,
    /** The Bedrock pass-through: model, budgets and limits for invocations. */
    BEDROCK
  }

  private final Governance governance;
  private final ModelCatalog catalog;
  private final Kind kind;

  public EnforceGovernance(Governance governance, ModelCatalog catalog, Kind kind) {
    this.governance = governance;
    this.catalog = catalog;
    this.kind = kind;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    if (kind == Kind.BEDROCK) {
      Operation operation = exchange.get(BedrockCall.KEY).operation();
      if (operation != Operation.INVOKE && operation != Operation.INVOKE_STREAM
          && operation != Operation.COUNT_TOKENS) {
        return chain.proceed();
      }
    }
    Identity identity = exchange.find(Identity.KEY);
    Grant grant = identity == null ? null : governance.directory().grantOf(identity);
    KeyPolicy key = grant == null ? KeyPolicy.NONE : grant.policy();
    Team team = grant == null ? null : grant.team();
    KeyPolicy org = governance.config().organization();
    String model = exchange.get(Plan.KEY).model().clientName();
    String denied = deniedBy(model, key, team, org);
    if (denied != null) {
      exchange.listener().refused(exchange, denied, "model");
      return Future.failedFuture(ApiError.of(ErrorType.PERMISSION, "The model " + model + " is not allowed for this "
          + denied + (denied.equals("key") ? "" : " (" + (team == null ? "organization" : team.name()) + ")")
          + "; ask your administrator which models you may use").withHeader("x-should-retry", "false").exception());
    }
    ServiceTier tier = key.serviceTier() != null ? key.serviceTier()
        : team == null ? null : team.policy().serviceTier();
    if (tier != null) {
      exchange.put(PlanRoute.SERVICE_TIER, tier); // the operator's word on this key or team: over client and route
    }
    boolean counting = kind == Kind.COUNT_TOKENS
        || kind == Kind.BEDROCK && exchange.get(BedrockCall.KEY).operation() == Operation.COUNT_TOKENS;
    if (counting || governance.limiter() == null) {
      return chain.proceed();
    }
    List<BudgetScope> budgets = budgets(grant, key, team, org);
    BudgetScope spent = governance.budgets().exhausted(budgets);
    if (spent != null) {
      exchange.listener().refused(exchange, spent.kind(), "budget");
      return Future.failedFuture(budgetRefusal(spent).exception());
    }
    List<RateScope> scopes = rateScopes(grant, key, team, org);
    if (scopes.isEmpty()) {
      exchange.put(Admission.KEY, new Admission(null, budgets));
      return chain.proceed();
    }
    long estimate = needsEstimate(scopes) ? estimate(exchange) : 0;
    return governance.limiter().admit(scopes, estimate).compose(decision -> {
      if (!decision.admitted()) {
        exchange.listener().refused(exchange, decision.refusedScope(), decision.refusedLimit());
        return Future.failedFuture(rateRefusal(decision).exception());
      }
      exchange.put(Admission.KEY, new Admission(decision.ticket(), budgets));
      return chain.proceed().map(reply -> {
        reply.headers().addAll(headers(decision));
        return reply;
      });
    });
  }

  /** Which level ({@code key}, {@code team}, {@code organization}) refuses the model, or null. */
  private String deniedBy(String model, KeyPolicy key, Team team, KeyPolicy org) {
    if (!allows(key.models(), model)) {
      return "key";
    }
    if (team != null && !allows(team.policy().models(), model)) {
      return "team";
    }
    return allows(org.models(), model) ? null : "organization";
  }

  private boolean allows(List<String> allowed, String model) {
    if (allowed == null) {
      return true;
    }
    String name = catalog.canonicalName(model);
    String foundation = foundation(model);
    for (String entry : allowed) {
      if (catalog.canonicalName(entry).equals(name) || foundation(entry).equals(foundation)) {
        return true;
      }
    }
    return false;
  }

  private String foundation(String model) {
    return catalog.resolve(model).map(ResolvedModel::bedrockId).map(ModelIds::foundationModelId).orElse(model);
  }

  private static List<BudgetScope> budgets(Grant grant, KeyPolicy key, Team team, KeyPolicy org) {
    List<BudgetScope> scopes = new ArrayList<>(3);
    if (key.budget() != null) {
      scopes.add(new BudgetScope("key", grant.keyId(), grant.keyName(), key.budget()));
    }
    if (team != null && team.policy().budget() != null) {
      scopes.add(new BudgetScope("team", team.id(), team.name(), team.policy().budget()));
    }
    if (org.budget() != null) {
      scopes.add(new BudgetScope("organization", BudgetBook.orgId(), "organization", org.budget()));
    }
    return scopes;
  }

  private static List<RateScope> rateScopes(Grant grant, KeyPolicy key, Team team, KeyPolicy org) {
    List<RateScope> scopes = new ArrayList<>(3);
    if (key.limits().any()) {
      scopes.add(new RateScope("key", grant.keyId(), key.limits()));
    }
    if (team != null && team.policy().limits().any()) {
      scopes.add(new RateScope("team", team.id(), team.policy().limits()));
    }
    if (org.limits().any()) {
      scopes.add(new RateScope("organization", BudgetBook.orgId(), org.limits()));
    }
    return scopes;
  }

  private static boolean needsEstimate(List<RateScope> scopes) {
    for (RateScope scope : scopes) {
      if (scope.limits().inputTokensPerMinute() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Input tokens charged on admission: the gateway's estimate of a Messages body, or a third of a raw body's bytes. */
  private long estimate(Exchange exchange) {
    if (kind == Kind.MESSAGES) {
      return exchange.get(MessagesRequest.KEY).estimatedInputTokens();
    }
    Buffer body = exchange.find(ReadBody.BODY);
    return body == null ? 0 : body.length() / 3;
  }

  private ApiError budgetRefusal(BudgetScope scope) {
    Budget budget = scope.budget();
    java.time.Instant reset = budget.period().reset(java.time.Instant.now());
    long seconds = Math.max(1, reset.getEpochSecond() - java.time.Instant.now().getEpochSecond());
    String adjective = budget.period() == dev.claudebedrock.proxy.config.BudgetPeriod.DAY ? "daily"
        : budget.period().word() + "ly";
    String message = "The " + adjective + " budget of $" + java.math.BigDecimal.valueOf(budget.usd()).toPlainString()
        + " for this "
        + (scope.kind().equals("key") ? "key" : scope.kind().equals("team") ? "team (" + scope.name() + ")"
            : "organization")
        + " is spent; it resets at " + reset + ". Ask your administrator to raise it.";
    if (kind == Kind.BEDROCK) {
      return new ApiError(ErrorType.BILLING, 403, message, Map.of(ApiError.AWS_ERROR_TYPE, "AccessDeniedException",
          "x-should-retry", "false", "retry-after", Long.toString(seconds)));
    }
    return new ApiError(ErrorType.BILLING, 429, message,
        Map.of("x-should-retry", "false", "retry-after", Long.toString(seconds)));
  }

  private ApiError rateRefusal(RateDecision decision) {
    String what = switch (decision.refusedLimit()) {
      case "requests" -> "requests per minute";
      case "input_tokens" -> "input tokens per minute";
      case "output_tokens" -> "output tokens per minute";
      default -> "concurrent requests";
    };
    String scope = decision.refusedScope().equals("organization") ? "the organization"
        : "this " + decision.refusedScope();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("retry-after",
        Long.toString(decision.refusedLimit().equals("concurrent") ? 1 : decision.retryAfterSeconds()));
    headers(decision).forEach(e -> headers.put(e.getKey(), e.getValue()));
    return new ApiError(ErrorType.RATE_LIMIT, 429, "Rate limit reached: " + scope + "'s limit of " + what
        + " is used up; retry after " + headers.get("retry-after") + " s", headers);
  }

  /** Anthropic's rate-limit headers for the first limited scope. */
  private static MultiMap headers(RateDecision decision) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    RateScope shown = decision.shown();
    if (shown == null) {
      return headers;
    }
    Limits limits = shown.limits();
    String reset = decision.reset().toString();
    put(headers, "requests", limits.requestsPerMinute(), decision.requestsUsed(), reset);
    put(headers, "input-tokens", limits.inputTokensPerMinute(), decision.inputUsed(), reset);
    put(headers, "output-tokens", limits.outputTokensPerMinute(), decision.outputUsed(), reset);
    return headers;
  }

  private static void put(MultiMap headers, String kind, long limit, long used, String reset) {
    if (limit > 0) {
      headers.add("anthropic-ratelimit-" + kind + "-limit", Long.toString(limit));
      headers.add("anthropic-ratelimit-" + kind + "-remaining", Long.toString(Math.max(0, limit - used)));
      headers.add("anthropic-ratelimit-" + kind + "-reset", reset);
    }
  }
}
