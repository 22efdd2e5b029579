package dev.claudebedrock.sim.models;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.models.ResolvedModel.Kind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models and inference profiles of the simulated account. Every accepted spelling of every model id is
 * computed once, so resolving a request's model is a single map lookup.
 */
public final class ModelCatalog {
  private static final Pattern MODEL_ID = Pattern.compile("[a-zA-Z0-9_.:/-]{1,2048}");

  private final List<ModelSpec> models;
  private final Map<String, ResolvedModel> byId = new HashMap<>();
  private final InferenceProfiles profiles;

  /** Builds the catalog for one region and account. */
  public ModelCatalog(List<ModelSpec> models, List<ApplicationProfileSpec> applicationProfiles, String region,
      String accountId) {
    this.models = List.copyOf(models);
    for (ModelSpec model : this.models) {
      put(model.id(), new ResolvedModel(model, Kind.FOUNDATION_MODEL_ID, null));
      put(Arns.foundationModel(region, model.id()), new ResolvedModel(model, Kind.FOUNDATION_MODEL_ARN, null));
      for (String geo : GeoPrefixes.ALL) {
        if (!model.offersGeography(geo)) {
          continue;
        }
        String profileId = geo + "." + model.id();
        put(profileId, new ResolvedModel(model, Kind.SYSTEM_PROFILE_ID, profileId));
        put(Arns.inferenceProfile(region, accountId, profileId),
            new ResolvedModel(model, Kind.SYSTEM_PROFILE_ARN, profileId));
      }
    }
    for (ApplicationProfileSpec app : applicationProfiles) {
      ResolvedModel target = byId.get(app.model());
      if (target == null || target.kind() == Kind.APPLICATION_PROFILE_ARN) {
        throw new IllegalArgumentException(
            "application profile " + app.id() + " routes to unknown model " + app.model());
      }
      put(Arns.applicationProfile(region, accountId, app.id()),
          new ResolvedModel(target.model(), Kind.APPLICATION_PROFILE_ARN, app.id()));
    }
    this.profiles = new InferenceProfiles(this.models, applicationProfiles, byId, region, accountId);
  }

  private void put(String id, ResolvedModel resolved) {
    if (byId.putIfAbsent(id, resolved) != null) {
      throw new IllegalArgumentException("model id " + id + " is defined twice");
    }
  }

  /** The configured foundation models. */
  public List<ModelSpec> models() {
    return models;
  }

  /** The inference profiles of the account. */
  public InferenceProfiles profiles() {
    return profiles;
  }

  /** Looks a decoded model id up without judging it. */
  public Optional<ResolvedModel> find(String modelId) {
    return Optional.ofNullable(byId.get(modelId));
  }

  /** Resolves a decoded model id or throws the error Bedrock answers for an unusable one. */
  public ResolvedModel resolve(String modelId) {
    ResolvedModel resolved = byId.get(modelId);
    if (resolved != null) {
      return resolved;
    }
    if (!MODEL_ID.matcher(modelId).matches()) {
      throw BedrockError.validation("1 validation error detected: Value '" + modelId
          + "' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + MODEL_ID.pattern());
    }
    throw BedrockError.of(ErrorType.RESOURCE_NOT_FOUND);
  }

  /** Resolves a model for inference: also refuses on-demand use of profile-only models and models without access. */
  public ResolvedModel resolveForInvoke(String modelId) {
    ResolvedModel resolved = resolve(modelId);
    if (!resolved.model().access()) {
      throw BedrockError.of(ErrorType.ACCESS_DENIED);
    }
    if (resolved.model().profileOnly() && !resolved.viaProfile()) {
      throw BedrockError.validation("Invocation of model ID " + resolved.model().id()
          + " with on-demand throughput isn't supported. Retry your request with the ID or ARN of an "
          + "inference profile that contains this model.");
    }
    return resolved;
  }

  /**
   * Resolves a model for the Messages API, which takes foundation-model ids (profile-only ones included) and
   * inference profiles alike, and counts tokens for every model.
   */
  public ResolvedModel resolveForMessages(String modelId) {
    ResolvedModel resolved = resolve(modelId);
    if (!resolved.model().access()) {
      throw BedrockError.of(ErrorType.ACCESS_DENIED);
    }
    return resolved;
  }

  /** Resolves a model for CountTokens, which only takes bare foundation-model ids of supported models. */
  public ResolvedModel resolveForCountTokens(String modelId) {
    ResolvedModel resolved = resolve(modelId);
    if (!resolved.model().access()) {
      throw BedrockError.of(ErrorType.ACCESS_DENIED);
    }
    if (resolved.kind() != Kind.FOUNDATION_MODEL_ID || !resolved.model().countTokens()) {
      throw BedrockError.validation("The provided model doesn't support counting tokens.");
    }
    return resolved;
  }
}
