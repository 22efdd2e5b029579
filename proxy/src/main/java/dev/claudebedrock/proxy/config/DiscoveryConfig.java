package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Model discovery: each target's inference profiles listed from the Bedrock control plane, so
 * model names map to profiles that exist there; the static table stays the fallback.
 *
 * @param enabled whether to list them (needs {@code bedrock:ListInferenceProfiles})
 * @param interval how often to list them again
 */
public record DiscoveryConfig(boolean enabled, Duration interval) {

  static DiscoveryConfig read(ConfigSection s) {
    DiscoveryConfig config = new DiscoveryConfig(s.bool("enabled", false),
        s.duration("interval_seconds", 300, 10, 86_400, ChronoUnit.SECONDS));
    s.finish();
    return config;
  }
}
