package dev.claudebedrock.sim.faults;

import dev.claudebedrock.sim.Operation;

/**
 * Which requests a fault script applies to.
 *
 * @param operation only this operation, or null for any
 * @param model     only this model, or null for any: compared with the model id as decoded from the path and with
 *                  the base model id it resolves to
 */
public record FaultMatch(Operation operation, String model) {
  /** Matches every request. */
  public static final FaultMatch ANY = new FaultMatch(null, null);

  /** Whether a request matches. */
  public boolean matches(Operation requestOperation, String modelId, String baseModelId) {
    if (operation != null && operation != requestOperation) {
      return false;
    }
    return model == null || model.equals(modelId) || model.equals(baseModelId);
  }
}
