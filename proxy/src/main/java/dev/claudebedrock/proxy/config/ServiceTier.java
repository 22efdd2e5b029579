package dev.claudebedrock.proxy.config;

/** Bedrock's service tier for a request, sent as {@code X-Amzn-Bedrock-Service-Tier} (README "Service tiers"). */
public enum ServiceTier implements ConfigWord {
  /** {@code default}: Bedrock's standard tier; no header is sent. */
  DEFAULT("default"),
  /** {@code priority}: served ahead of the default tier, at a premium. */
  PRIORITY("priority"),
  /** {@code flex}: cheaper, served when there is capacity to spare, may be slower. */
  FLEX("flex");

  /** The request header that carries the tier to Bedrock (and that clients may send, where allowed). */
  public static final String HEADER = "x-amzn-bedrock-service-tier";

  private final String word;

  ServiceTier(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }

  /** The tier a header value names, or null for a value that names none. */
  public static ServiceTier fromWord(String value) {
    for (ServiceTier tier : values()) {
      if (tier.word.equalsIgnoreCase(value.strip())) {
        return tier;
      }
    }
    return null;
  }
}
