package dev.claudebedrock.sim.models;

/**
 * What a model id in a request path names.
 *
 * @param model     the foundation model that will answer
 * @param kind      how the caller named it
 * @param profileId the inference profile id when named through one, otherwise null
 */
public record ResolvedModel(ModelSpec model, Kind kind, String profileId) {

  /** The forms a model id can take. */
  public enum Kind {
    FOUNDATION_MODEL_ID,
    FOUNDATION_MODEL_ARN,
    SYSTEM_PROFILE_ID,
    SYSTEM_PROFILE_ARN,
    APPLICATION_PROFILE_ARN
  }

  /** Whether the request goes through an inference profile (which on-demand-less models require). */
  public boolean viaProfile() {
    return kind != Kind.FOUNDATION_MODEL_ID && kind != Kind.FOUNDATION_MODEL_ARN;
  }
}
