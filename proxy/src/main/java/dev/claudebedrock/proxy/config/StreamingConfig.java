package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Server-sent events towards clients.
 *
 * @param pingInterval silence after which an {@code event: ping} is sent (Bedrock sends none)
 */
public record StreamingConfig(Duration pingInterval) {

  static StreamingConfig read(ConfigSection s) {
    StreamingConfig config = new StreamingConfig(s.duration("ping_interval_ms", 10_000, 50, 60_000, ChronoUnit.MILLIS));
    s.finish();
    return config;
  }
}
