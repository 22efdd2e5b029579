package dev.claudebedrock.proxy.bedrock;

/** The cross-region inference-profile prefix that fits a region. */
public final class GeoPrefix {
  private GeoPrefix() {}

  /**
   * Resolves a configured prefix: {@code auto} derives it from the region ({@code us-east-1} → {@code us},
   * {@code eu-west-1} → {@code eu}, {@code ap-*} → {@code apac}, {@code us-gov-*} → {@code us-gov},
   * elsewhere {@code global}); {@code none} means foundation-model ids are used as they are.
   */
  public static String resolve(String configured, String region) {
    if (!"auto".equals(configured)) {
      return "none".equals(configured) ? "" : configured;
    }
    if (region.startsWith("us-gov-")) {
      return "us-gov";
    }
    if (region.startsWith("us-")) {
      return "us";
    }
    if (region.startsWith("eu-")) {
      return "eu";
    }
    if (region.startsWith("ap-")) {
      return "apac";
    }
    return "global";
  }
}
