package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The listening socket and the limits applied to every client request.
 *
 * @param bodyReadTimeout a request body must arrive within this time plus one second per
 *     {@code bodyMinBytesPerSecond} bytes received
 * @param bodyMinBytesPerSecond the slowest upload the gateway waits for, once the timeout's grace is used up
 * @param shutdownGrace how long requests in flight may take to finish once the gateway drains
 */
public record ServerConfig(
    String host,
    int port,
    int eventLoops,
    long maxBodyBytes,
    int maxHeaderBytes,
    Duration bodyReadTimeout,
    int bodyMinBytesPerSecond,
    Duration shutdownGrace) {

  static ServerConfig read(ConfigSection s) {
    ServerConfig config = new ServerConfig(
        s.string("host", "0.0.0.0"),
        s.integer("port", 3000, 0, 65535),
        s.integer("event_loops", 0, 0, 256),
        s.integer("max_body_mb", 32, 1, 1024) * 1024L * 1024L,
        s.integer("max_header_kb", 64, 8, 1024) * 1024,
        s.duration("body_read_timeout_ms", 30_000, 100, 3_600_000, ChronoUnit.MILLIS),
        s.integer("body_min_kb_per_second", 32, 1, 1_048_576) * 1024,
        s.duration("shutdown_grace_seconds", 30, 0, 3600, ChronoUnit.SECONDS));
    s.finish();
    return config;
  }

  /** Event loops to run: the configured number, or one per available processor. */
  public int effectiveEventLoops() {
    return eventLoops > 0 ? eventLoops : Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
