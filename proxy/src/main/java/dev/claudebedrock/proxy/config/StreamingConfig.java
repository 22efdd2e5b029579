package dev.claudebedrock.proxy.config;

/**
 * Server-sent events towards clients.
 *
 * @param pingIntervalMs silence after which an {@code event: ping} is sent (Bedrock sends none)
 */
public record StreamingConfig(int pingIntervalMs) {

  static StreamingConfig read(ConfigSection s) {
    StreamingConfig config = new StreamingConfig(s.integer("ping_interval_ms", 10_000, 50, 60_000));
    s.finish();
    return config;
  }
}
