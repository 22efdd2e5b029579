package dev.claudebedrock.sim.models;

import dev.claudebedrock.sim.models.ResolvedModel.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inference profiles ListInferenceProfiles shows: one system-defined profile per model and geography of the
 * configured region, plus the configured application profiles. GetInferenceProfile also finds the system
 * profiles of other geographies, because invocation accepts those too.
 */
public final class InferenceProfiles {
  private final List<InferenceProfile> systemDefined = new ArrayList<>();
  private final List<InferenceProfile> application = new ArrayList<>();
  private final Map<String, InferenceProfile> byIdOrArn = new HashMap<>();

  InferenceProfiles(List<ModelSpec> models, List<ApplicationProfileSpec> applicationProfiles,
      Map<String, ResolvedModel> resolvable, String region, String accountId) {
    List<String> listed = GeoPrefixes.forRegion(region);
    for (ModelSpec model : models) {
      for (String geo : GeoPrefixes.ALL) {
        if (!model.offersGeography(geo)) {
          continue;
        }
        InferenceProfile profile = systemProfile(model, geo, region, accountId);
        index(profile);
        if (listed.contains(geo)) {
          systemDefined.add(profile);
        }
      }
    }
    for (ApplicationProfileSpec app : applicationProfiles) {
      ResolvedModel target = resolvable.get(app.model());
      List<String> modelArns = target.kind() == Kind.SYSTEM_PROFILE_ID
          ? byIdOrArn.get(target.profileId()).modelArns()
          : List.of(Arns.foundationModel(region, target.model().id()));
      InferenceProfile profile = new InferenceProfile(app.id(), Arns.applicationProfile(region, accountId, app.id()),
          app.name(), "Application inference profile for " + target.model().displayName(),
          InferenceProfile.APPLICATION, modelArns, target.model());
      index(profile);
      application.add(profile);
    }
  }

  private static InferenceProfile systemProfile(ModelSpec model, String geo, String region, String accountId) {
    String id = geo + "." + model.id();
    List<String> destinations = GeoPrefixes.destinations(geo, region);
    List<String> modelArns = destinations.stream().map(r -> Arns.foundationModel(r, model.id())).toList();
    String name = GeoPrefixes.label(geo) + " Anthropic " + model.displayName();
    String description = "Routes requests to Anthropic " + model.displayName() + " in "
        + String.join(", ", destinations) + ".";
    return new InferenceProfile(id, Arns.inferenceProfile(region, accountId, id), name, description,
        InferenceProfile.SYSTEM_DEFINED, modelArns, model);
  }

  private void index(InferenceProfile profile) {
    byIdOrArn.put(profile.id(), profile);
    byIdOrArn.put(profile.arn(), profile);
  }

  /** Profiles of a type ({@code SYSTEM_DEFINED}, {@code APPLICATION}), or all of them for null. */
  public List<InferenceProfile> list(String type) {
    if (InferenceProfile.SYSTEM_DEFINED.equals(type)) {
      return systemDefined;
    }
    if (InferenceProfile.APPLICATION.equals(type)) {
      return application;
    }
    List<InferenceProfile> all = new ArrayList<>(systemDefined);
    all.addAll(application);
    return all;
  }

  /** Finds a profile by id or ARN. */
  public Optional<InferenceProfile> find(String idOrArn) {
    return Optional.ofNullable(byIdOrArn.get(idOrArn));
  }
}
