package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.core.AttributeKey;
import java.util.List;

/**
 * Where a request may go, in order of preference.
 *
 * @param model the client's model resolved to Bedrock
 * @param route the name of the route that chose the targets (for logs and the response header)
 * @param steps targets to try, first one first
 */
public record Plan(ResolvedModel model, String route, List<Step> steps) {
  /** Where the planning stage leaves the plan. */
  public static final AttributeKey<Plan> KEY = AttributeKey.named("plan");

  public Plan {
    steps = List.copyOf(steps);
  }

  /**
   * One target and the ids it knows the model by.
   *
   * @param target where to send
   * @param modelId the id to invoke there
   * @param countTokensId the foundation-model id for CountTokens there, or empty when unknown
   */
  public record Step(Target target, String modelId, String countTokensId) {}
}
