package dev.claudebedrock.proxy.config;

/**
 * How the gateway talks to Bedrock: timeouts, connection pool, and the retry hints it gives clients.
 *
 * @param connectTimeoutMs TCP and TLS connect
 * @param firstByteTimeoutMs from request sent to response headers
 * @param streamIdleTimeoutMs longest silence inside an event stream before the gateway gives up
 * @param maxConnections pooled keep-alive connections to Bedrock, across all event loops
 * @param keepAliveSeconds how long an idle pooled connection is kept
 * @param throttleRetryAfterSeconds {@code retry-after} sent with 429 when Bedrock gives no hint
 * @param overloadRetryAfterSeconds {@code retry-after} sent with 529 when Bedrock gives no hint
 * @param httpVersion {@code 1.1} (the default); {@code auto}: HTTP/2 where TLS negotiates it (Bedrock's endpoints
 *     offer it), HTTP/1.1 over plain HTTP; {@code 2}: HTTP/2 always (prior knowledge over plain HTTP). HTTP/2 carries
 *     many streams on one connection: worth it for thousands of concurrent streams per replica
 * @param caBundle a PEM file of certificate authorities to trust instead of the JDK's ({@code AWS_CA_BUNDLE}:
 *     TLS-inspecting proxies, private VPC endpoints); empty for the JDK's
 */
public record UpstreamConfig(
    int connectTimeoutMs,
    int firstByteTimeoutMs,
    int streamIdleTimeoutMs,
    int maxConnections,
    int keepAliveSeconds,
    int throttleRetryAfterSeconds,
    int overloadRetryAfterSeconds,
    String httpVersion,
    String caBundle) {

  static UpstreamConfig read(ConfigSection s) {
    UpstreamConfig config = new UpstreamConfig(
        s.integer("connect_timeout_ms", 5_000, 100, 120_000),
        s.integer("first_byte_timeout_ms", 300_000, 1_000, 3_600_000),
        s.integer("stream_idle_timeout_ms", 300_000, 1_000, 3_600_000),
        s.integer("max_connections", 10_000, 1, 1_000_000),
        s.integer("keep_alive_seconds", 55, 1, 3600),
        s.integer("throttle_retry_after_seconds", 2, 0, 3600),
        s.integer("overload_retry_after_seconds", 5, 0, 3600),
        s.oneOf("http_version", "1.1", java.util.Set.of("auto", "1.1", "2")),
        s.string("ca_bundle", ""));
    if (!config.caBundle().isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(config.caBundle()))) {
      throw s.invalid("ca_bundle", config.caBundle(), "a readable PEM file of certificate authorities");
    }
    s.finish();
    return config;
  }
}
