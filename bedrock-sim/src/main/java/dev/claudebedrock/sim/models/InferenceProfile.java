package dev.claudebedrock.sim.models;

import java.util.List;

/**
 * An inference profile in the control-plane shape.
 *
 * @param id          profile id ({@code us.anthropic.…} or an application profile's id)
 * @param arn         profile ARN
 * @param name        profile name
 * @param description one-line description
 * @param type        {@code SYSTEM_DEFINED} or {@code APPLICATION}
 * @param modelArns   foundation-model ARNs it routes to
 * @param model       the model it serves
 */
public record InferenceProfile(String id, String arn, String name, String description, String type,
    List<String> modelArns, ModelSpec model) {
  public static final String SYSTEM_DEFINED = "SYSTEM_DEFINED";
  public static final String APPLICATION = "APPLICATION";
}
