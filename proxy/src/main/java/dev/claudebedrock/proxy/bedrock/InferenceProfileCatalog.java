package dev.claudebedrock.proxy.bedrock;

import java.util.Optional;
import java.util.Set;

/**
 * The system-defined inference profiles one Bedrock deployment really has, as listed by its control
 * plane. Newer models often exist in some geographies only; with this list a model name maps to a
 * profile that exists there. Empty until a listing succeeded: the static table then decides alone.
 */
public final class InferenceProfileCatalog {
  private static final String GLOBAL = "global";

  private volatile Set<String> profileIds = Set.of();

  /** Replaces the known profiles with a fresh listing. */
  public void update(Set<String> ids) {
    profileIds = Set.copyOf(ids);
  }

  /** How many profiles are known. */
  public int size() {
    return profileIds.size();
  }

  /**
   * The profile to invoke a foundation model through: the preferred geography's, else the global
   * one, else any that exists. Empty when nothing is known about the model.
   */
  public Optional<String> choose(String foundationModelId, String preferredGeo) {
    Set<String> ids = profileIds;
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    if (!preferredGeo.isEmpty() && ids.contains(preferredGeo + "." + foundationModelId)) {
      return Optional.of(preferredGeo + "." + foundationModelId);
    }
    if (ids.contains(GLOBAL + "." + foundationModelId)) {
      return Optional.of(GLOBAL + "." + foundationModelId);
    }
    for (String geo : ModelIds.GEO_PREFIXES) {
      if (ids.contains(geo + "." + foundationModelId)) {
        return Optional.of(geo + "." + foundationModelId);
      }
    }
    return Optional.empty();
  }
}
