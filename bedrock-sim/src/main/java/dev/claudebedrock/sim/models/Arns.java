package dev.claudebedrock.sim.models;

/** The ARN spellings of Bedrock resources. */
public final class Arns {
  private Arns() {}

  /** {@code arn:aws:bedrock:<region>::foundation-model/<id>}. */
  public static String foundationModel(String region, String modelId) {
    return "arn:aws:bedrock:" + region + "::foundation-model/" + modelId;
  }

  /** {@code arn:aws:bedrock:<region>:<account>:inference-profile/<id>}. */
  public static String inferenceProfile(String region, String accountId, String profileId) {
    return "arn:aws:bedrock:" + region + ":" + accountId + ":inference-profile/" + profileId;
  }

  /** {@code arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>}. */
  public static String applicationProfile(String region, String accountId, String profileId) {
    return "arn:aws:bedrock:" + region + ":" + accountId + ":application-inference-profile/" + profileId;
  }
}
