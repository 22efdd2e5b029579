package dev.claudebedrock.sim.models;

import java.util.Objects;

/**
 * An application inference profile the simulated account owns.
 *
 * @param id    the profile id, last part of its ARN ({@code arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>})
 * @param name  the profile name
 * @param model what it routes to: a base model id or a system-defined profile id such as {@code us.anthropic.…}
 */
public record ApplicationProfileSpec(String id, String name, String model) {
  public ApplicationProfileSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
  }
}
