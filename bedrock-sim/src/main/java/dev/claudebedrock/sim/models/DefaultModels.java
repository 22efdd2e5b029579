package dev.claudebedrock.sim.models;

import java.util.List;

/** The built-in model list: the Claude models on Bedrock, newest first. */
public final class DefaultModels {
  private static final List<ModelSpec> MODELS = List.of(
      ModelSpec.profileOnly("anthropic.claude-opus-5-5", "claude-opus-5-5", "Claude Opus 5.5"),
      ModelSpec.profileOnly("anthropic.claude-sonnet-5-5", "claude-sonnet-5-5", "Claude Sonnet 5.5"),
      ModelSpec.profileOnly("anthropic.claude-haiku-5-5", "claude-haiku-5-5", "Claude Haiku 5.5"),
      ModelSpec.profileOnly("anthropic.claude-opus-4-8", "claude-opus-4-8", "Claude Opus 4.8"),
      ModelSpec.profileOnly("anthropic.claude-opus-4-6-v1", "claude-opus-4-6", "Claude Opus 4.6"),
      ModelSpec.profileOnly("anthropic.claude-sonnet-4-6", "claude-sonnet-4-6", "Claude Sonnet 4.6"),
      ModelSpec.onDemand("anthropic.claude-opus-4-5-20251101-v1:0", "claude-opus-4-5-20251101", "Claude Opus 4.5"),
      ModelSpec.onDemand("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929",
          "Claude Sonnet 4.5"),
      ModelSpec.onDemand("anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001", "Claude Haiku 4.5"),
      ModelSpec.onDemand("anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1-20250805", "Claude Opus 4.1"),
      ModelSpec.onDemand("anthropic.claude-opus-4-20250514-v1:0", "claude-opus-4-20250514", "Claude Opus 4"),
      ModelSpec.onDemand("anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4-20250514", "Claude Sonnet 4"),
      ModelSpec.onDemand("anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet-20250219",
          "Claude 3.7 Sonnet"),
      ModelSpec.onDemand("anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku-20241022", "Claude 3.5 Haiku"),
      ModelSpec.onDemand("anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022",
          "Claude 3.5 Sonnet v2"));

  private DefaultModels() {}

  /** The default models. */
  public static List<ModelSpec> models() {
    return MODELS;
  }
}
