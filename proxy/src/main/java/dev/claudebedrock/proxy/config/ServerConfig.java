package dev.claudebedrock.proxy.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The listening socket and the limits applied to every client connection and request.
 *
 * @param bodyReadTimeout a request body must arrive within this time plus one second per
 *     {@code bodyMinBytesPerSecond} bytes received
 * @param bodyMinBytesPerSecond the slowest upload the gateway waits for, once the timeout's grace is used up
 * @param shutdownGrace how long requests in flight may take to finish once the gateway drains
 * @param headerReadTimeout a new connection must deliver its first request's headers within this time
 * @param idleTimeout a connection with no request in progress is closed after this long (keep-alive)
 * @param maxConnections client connections open at once; 0 derives it from the process's open-file limit
 * @param h2c whether the public port also speaks HTTP/2 over cleartext (prior knowledge and {@code Upgrade: h2c})
 * @param transport the network transport of the event loops (client and Bedrock connections alike)
 */
public record ServerConfig(
    String host,
    int port,
    int eventLoops,
    long maxBodyBytes,
    int maxHeaderBytes,
    Duration bodyReadTimeout,
    int bodyMinBytesPerSecond,
    Duration shutdownGrace,
    Duration headerReadTimeout,
    Duration idleTimeout,
    int maxConnections,
    boolean h2c,
    Transport transport) {

  /** The network transport the event loops run on. */
  public enum Transport implements ConfigWord {
    /**
     * {@code auto}, the default: Netty's native transport where its library loads (epoll on Linux x86-64, without the
     * JDK selector's bookkeeping per read and write), Java NIO elsewhere, with one log line saying why.
     */
    AUTO("auto"),
    /** {@code nio}: the JDK's NIO always, whatever the platform offers. */
    NIO("nio");

    private final String word;

    Transport(String word) {
      this.word = word;
    }

    @Override
    public String word() {
      return word;
    }
  }

  /** The share of the open-file limit client connections may take when {@code max_connections} is 0. */
  public static final double CONNECTION_SHARE_OF_FILE_LIMIT = 0.8;

  static ServerConfig read(ConfigSection s) {
    ServerConfig config = new ServerConfig(
        s.string("host", "0.0.0.0"),
        s.integer("port", 3000, 0, 65535),
        s.integer("event_loops", 0, 0, 256),
        s.integer("max_body_mb", 32, 1, 1024) * 1024L * 1024L,
        s.integer("max_header_kb", 64, 8, 1024) * 1024,
        s.duration("body_read_timeout_ms", 30_000, 100, 3_600_000, ChronoUnit.MILLIS),
        s.integer("body_min_kb_per_second", 32, 1, 1_048_576) * 1024,
        s.duration("shutdown_grace_seconds", 30, 0, 3600, ChronoUnit.SECONDS),
        s.duration("header_read_timeout_ms", 10_000, 100, 300_000, ChronoUnit.MILLIS),
        s.duration("idle_timeout_seconds", 75, 1, 3600, ChronoUnit.SECONDS),
        s.integer("max_connections", 0, 0, 10_000_000),
        s.bool("h2c", false),
        s.choice("transport", Transport.AUTO));
    s.finish();
    return config;
  }

  /** Event loops to run: the configured number, or one per available processor. */
  public int effectiveEventLoops() {
    return eventLoops > 0 ? eventLoops : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Client connections to hold at once: the configured number, or 80 % of the open-file limit (the rest is left
   * for upstream connections, files and the JVM itself); 10,000 when the limit cannot be read.
   */
  public int effectiveMaxConnections() {
    if (maxConnections > 0) {
      return maxConnections;
    }
    long files = openFileLimit();
    return files <= 0 ? 10_000 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, files * CONNECTION_SHARE_OF_FILE_LIMIT));
  }

  /** The process's open-file limit ({@code ulimit -n}), or -1 where the JVM cannot tell. */
  static long openFileLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }
}
