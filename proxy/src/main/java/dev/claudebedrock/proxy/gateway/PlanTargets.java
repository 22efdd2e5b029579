package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.anthropic.ApiError;
import dev.claudebedrock.proxy.anthropic.ErrorType;
import dev.claudebedrock.proxy.anthropic.MessagesRequest;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Resolves the client's model name and decides which target serves it. */
public final class PlanTargets implements Interceptor {
  /** Route name of the zero-configuration plan: the one regional target. */
  public static final String DEFAULT_ROUTE = "default";

  private final ModelCatalog catalog;
  private final Target target;

  public PlanTargets(ModelCatalog catalog, Target target) {
    this.catalog = catalog;
    this.target = target;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    Optional<ResolvedModel> resolved = catalog.resolve(request.model());
    if (resolved.isEmpty()) {
      return Future.failedFuture(ApiError.of(ErrorType.NOT_FOUND, "model: " + request.model()
          + " is not a model this gateway serves; use a Claude model name (e.g. claude-sonnet-4-5-20250929), "
          + "an alias such as sonnet, a Bedrock model id or an inference-profile ARN").exception());
    }
    ResolvedModel model = resolved.get();
    Plan plan = new Plan(model, DEFAULT_ROUTE,
        List.of(new Plan.Step(target, model.bedrockId(), model.countTokensId())));
    exchange.put(Plan.KEY, plan);
    exchange.facts().bedrockModel(model.bedrockId()).routeChoice(plan.route());
    return chain.proceed();
  }
}
