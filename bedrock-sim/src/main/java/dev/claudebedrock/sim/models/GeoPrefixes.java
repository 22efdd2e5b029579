package dev.claudebedrock.sim.models;

import java.util.List;
import java.util.Map;

/** Cross-region inference profile prefixes and the regions each one routes to. */
public final class GeoPrefixes {
  /** Every prefix a system-defined profile id may carry; invocation accepts all of them. */
  public static final List<String> ALL = List.of("us", "eu", "apac", "jp", "au", "us-gov", "global");

  private static final Map<String, List<String>> DESTINATIONS = Map.of(
      "us", List.of("us-east-1", "us-east-2", "us-west-2"),
      "eu", List.of("eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"),
      "apac", List.of("ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "ap-south-1"),
      "jp", List.of("ap-northeast-1", "ap-northeast-3"),
      "au", List.of("ap-southeast-2", "ap-southeast-4"),
      "us-gov", List.of("us-gov-west-1", "us-gov-east-1"));

  private static final Map<String, String> LABELS = Map.of(
      "us", "US", "eu", "EU", "apac", "APAC", "jp", "JP", "au", "AU", "us-gov", "US-GOV", "global", "Global");

  private GeoPrefixes() {}

  /** The prefixes whose profiles a region lists (what ListInferenceProfiles shows there). */
  public static List<String> forRegion(String region) {
    if (region.startsWith("us-gov-")) {
      return List.of("us-gov");
    }
    if (region.startsWith("us-") || region.startsWith("ca-")) {
      return List.of("us", "global");
    }
    if (region.startsWith("eu-")) {
      return List.of("eu", "global");
    }
    if (region.equals("ap-northeast-1") || region.equals("ap-northeast-3")) {
      return List.of("apac", "jp", "global");
    }
    if (region.equals("ap-southeast-2") || region.equals("ap-southeast-4")) {
      return List.of("apac", "au", "global");
    }
    if (region.startsWith("ap-")) {
      return List.of("apac", "global");
    }
    return List.of("global");
  }

  /** The regions a profile with this prefix routes to, seen from {@code region}. */
  public static List<String> destinations(String geo, String region) {
    return DESTINATIONS.getOrDefault(geo, List.of(region));
  }

  /** The label used in profile names, e.g. {@code US}. */
  public static String label(String geo) {
    return LABELS.getOrDefault(geo, geo.toUpperCase(java.util.Locale.ROOT));
  }

  /** Splits {@code us.anthropic.x} into its prefix, or returns null when the id carries none. */
  public static String prefixOf(String modelId) {
    int dot = modelId.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String candidate = modelId.substring(0, dot);
    return ALL.contains(candidate) ? candidate : null;
  }
}
