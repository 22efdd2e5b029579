package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Server-sent events towards clients.
 *
 * @param pingInterval silence after which an {@code event: ping} is sent (Bedrock sends none)
 * @param commitAfter how long a streaming request may wait for Bedrock's answer before the gateway commits
 *     its 200 and starts pinging, so that no client or proxy on the way gives up on a silent connection;
 *     zero never commits early
 */
public record StreamingConfig(Duration pingInterval, Duration commitAfter) {

  static StreamingConfig read(ConfigSection s) {
    StreamingConfig config = new StreamingConfig(s.duration("ping_interval_ms", 10_000, 50, 60_000, ChronoUnit.MILLIS),
        s.duration("commit_after_ms", 15_000, 0, 600_000, ChronoUnit.MILLIS));
    s.finish();
    return config;
  }
}
