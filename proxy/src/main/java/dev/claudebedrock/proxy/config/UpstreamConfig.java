package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How the gateway talks to Bedrock: timeouts, connection pool, and the retry hints it gives clients.
 *
 * @param connectTimeout TCP and TLS connect
 * @param firstByteTimeout from request sent to response headers, for answers that come whole (InvokeModel,
 *     CountTokens): Bedrock sends its headers with the complete answer, so this bounds the whole generation
 * @param streamFirstByteTimeout from request sent to response headers, for event streams: Bedrock sends its
 *     headers when the stream begins, so a long wait means a Bedrock that is not answering
 * @param streamIdleTimeout longest silence inside an event stream before the gateway gives up
 * @param maxConnections pooled keep-alive connections to Bedrock, across all event loops
 * @param keepAlive how long an idle pooled connection is kept (whole seconds)
 * @param throttleRetryAfter {@code retry-after} sent with 429 when Bedrock gives no hint (whole seconds)
 * @param overloadRetryAfter {@code retry-after} sent with 529 when Bedrock gives no hint (whole seconds)
 * @param httpVersion the HTTP version towards Bedrock
 * @param caBundle a PEM file of certificate authorities to trust instead of the JDK's ({@code AWS_CA_BUNDLE}:
 *     TLS-inspecting proxies, private VPC endpoints); empty for the JDK's
 */
public record UpstreamConfig(
    Duration connectTimeout,
    Duration firstByteTimeout,
    Duration streamFirstByteTimeout,
    Duration streamIdleTimeout,
    int maxConnections,
    Duration keepAlive,
    Duration throttleRetryAfter,
    Duration overloadRetryAfter,
    HttpVersion httpVersion,
    String caBundle) {

  /** The HTTP version towards Bedrock. */
  public enum HttpVersion implements ConfigWord {
    /** {@code 1.1}: one connection per request in flight. */
    HTTP_1_1("1.1"),
    /**
     * {@code auto}, the default: HTTP/2 where TLS negotiates it (Bedrock's endpoints offer it), HTTP/1.1 over plain
     * HTTP. HTTP/2 carries many streams on one connection, so requests in flight do not each hold a Bedrock
     * socket (a file descriptor): thousands of streams per replica cost a handful of connections.
     */
    AUTO("auto"),
    /** {@code 2}: HTTP/2 always, with prior knowledge over plain HTTP. */
    HTTP_2("2");

    private final String word;

    HttpVersion(String word) {
      this.word = word;
    }

    @Override
    public String word() {
      return word;
    }
  }

  static UpstreamConfig read(ConfigSection s) {
    UpstreamConfig config = new UpstreamConfig(
        s.duration("connect_timeout_ms", 5_000, 100, 120_000, ChronoUnit.MILLIS),
        s.duration("first_byte_timeout_ms", 300_000, 1_000, 3_600_000, ChronoUnit.MILLIS),
        s.duration("stream_first_byte_timeout_ms", 60_000, 1_000, 3_600_000, ChronoUnit.MILLIS),
        s.duration("stream_idle_timeout_ms", 300_000, 1_000, 3_600_000, ChronoUnit.MILLIS),
        s.integer("max_connections", 10_000, 1, 1_000_000),
        s.duration("keep_alive_seconds", 55, 1, 3600, ChronoUnit.SECONDS),
        s.duration("throttle_retry_after_seconds", 2, 0, 3600, ChronoUnit.SECONDS),
        s.duration("overload_retry_after_seconds", 5, 0, 3600, ChronoUnit.SECONDS),
        s.choice("http_version", HttpVersion.AUTO),
        s.string("ca_bundle", ""));
    if (!config.caBundle().isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(config.caBundle()))) {
      throw s.invalid("ca_bundle", config.caBundle(), "a readable PEM file of certificate authorities");
    }
    s.finish();
    return config;
  }
}
