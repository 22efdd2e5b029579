package dev.claudebedrock.proxy.config;

/**
 * Model discovery: each target's inference profiles listed from the Bedrock control plane, so
 * model names map to profiles that exist there; the static table stays the fallback.
 *
 * @param enabled whether to list them (needs {@code bedrock:ListInferenceProfiles})
 * @param intervalSeconds how often to list them again
 */
public record DiscoveryConfig(boolean enabled, int intervalSeconds) {

  static DiscoveryConfig read(ConfigSection s) {
    DiscoveryConfig config = new DiscoveryConfig(s.bool("enabled", false), s.integer("interval_seconds", 300, 10, 86_400));
    s.finish();
    return config;
  }
}
