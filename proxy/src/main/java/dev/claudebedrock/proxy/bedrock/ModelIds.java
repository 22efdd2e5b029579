package dev.claudebedrock.proxy.bedrock;

import java.util.Set;
import java.util.regex.Pattern;

/** Facts about Bedrock model identifiers: geo prefixes, ARNs, and how they travel in a URL path. */
public final class ModelIds {
  /** Geo prefixes of system-defined cross-region inference profiles. */
  public static final Set<String> GEO_PREFIXES = Set.of("global", "us", "us-gov", "eu", "apac", "jp", "au", "ca");

  private static final Pattern BEDROCK_ID = Pattern.compile("[a-z0-9-]+\\.[A-Za-z0-9_.:-]+");

  private ModelIds() {}

  /** Whether a model name is already a Bedrock identifier (foundation model, profile id or ARN). */
  public static boolean isBedrockId(String model) {
    return model.startsWith("arn:") || (model.indexOf('.') > 0 && BEDROCK_ID.matcher(model).matches());
  }

  /** The id inside an ARN ({@code …:inference-profile/us.anthropic.x} → {@code us.anthropic.x}), or the id itself. */
  public static String resourceId(String model) {
    if (!model.startsWith("arn:")) {
      return model;
    }
    int slash = model.indexOf('/');
    return slash < 0 ? model : model.substring(slash + 1);
  }

  /** Whether an ARN names an application inference profile, whose foundation model cannot be read off the id. */
  public static boolean isApplicationProfile(String model) {
    return model.startsWith("arn:") && model.contains(":application-inference-profile/");
  }

  /** The foundation-model id: no ARN, no geo prefix ({@code us.anthropic.x} → {@code anthropic.x}). */
  public static String foundationModelId(String model) {
    String id = resourceId(model);
    int dot = id.indexOf('.');
    if (dot > 0 && GEO_PREFIXES.contains(id.substring(0, dot))) {
      return id.substring(dot + 1);
    }
    return id;
  }

  /** Encodes a model id for a URL path as the Bedrock SDKs do: {@code /} becomes {@code %2F}, {@code :} stays. */
  public static String encodeForPath(String modelId) {
    return modelId.indexOf('/') < 0 ? modelId : modelId.replace("/", "%2F");
  }
}
