package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Overload protection: how many requests that call Bedrock the gateway serves at once, how many wait and for how
 * long, and how many request-body bytes it holds. Past these a request gets 529 {@code overloaded_error} (503
 * {@code ServiceUnavailableException} on {@code /bedrock}) with {@code retry-after}, instead of latency that grows
 * without bound; past its key's cap, 429 {@code rate_limit_error} ({@code ThrottlingException} on {@code /bedrock}).
 *
 * @param maxInFlight requests calling Bedrock served at once (streams included, until they end)
 * @param maxInFlightPerKey the most requests one client identity has holding or waiting for a place at once, beyond
 *     which its requests get 429 {@code rate_limit_error} at once; 0 derives it ({@link #effectiveMaxInFlightPerKey})
 * @param keySharePercent the share of {@code maxInFlight} one client key holds before waiting requests of other keys
 *     go first
 * @param queueSize requests that may wait for a place; beyond it a request is refused at once
 * @param queueTimeout the longest a request waits for a place before it is refused
 * @param retryAfter the {@code retry-after} sent with the refusal (whole seconds)
 * @param readyPercent {@code /health/ready} answers 503 while this share of {@code maxInFlight} is in use or any
 *     request waits
 * @param maxBodyBytesInFlight request-body bytes held at once; 0 derives it from the heap
 */
public record AdmissionConfig(
    int maxInFlight,
    int maxInFlightPerKey,
    int keySharePercent,
    int queueSize,
    Duration queueTimeout,
    Duration retryAfter,
    int readyPercent,
    long maxBodyBytesInFlight) {

  /** The share of the maximum heap request bodies may take together when {@code max_body_mb_in_flight} is 0. */
  public static final double BODY_SHARE_OF_HEAP = 0.25;

  static AdmissionConfig read(ConfigSection s) {
    AdmissionConfig config = new AdmissionConfig(
        s.integer("max_in_flight", 10_000, 1, 1_000_000),
        s.integer("max_in_flight_per_key", 0, 0, 1_000_000),
        s.integer("key_share_percent", 50, 1, 100),
        s.integer("queue_size", 1_000, 0, 1_000_000),
        s.duration("queue_timeout_ms", 2_000, 1, 600_000, ChronoUnit.MILLIS),
        s.duration("retry_after_seconds", 2, 0, 3600, ChronoUnit.SECONDS),
        s.integer("ready_percent", 95, 1, 100),
        s.integer("max_body_mb_in_flight", 0, 0, 1_048_576) * 1024L * 1024L);
    s.finish();
    return config;
  }

  /**
   * The most requests one identity has holding or waiting for a place at once: the configured number, else half of
   * {@code max_in_flight} when the gateway tells several identities apart, and no cap when it knows a single one (one
   * shared token, or anonymous access only): that identity is every client, and the global limits already apply.
   */
  public int effectiveMaxInFlightPerKey(boolean severalIdentities) {
    if (maxInFlightPerKey > 0) {
      return maxInFlightPerKey;
    }
    return severalIdentities ? Math.max(1, maxInFlight / 2) : Integer.MAX_VALUE;
  }

  /** Request-body bytes held at once: the configured amount, or a quarter of the maximum heap. */
  public long effectiveMaxBodyBytesInFlight() {
    return maxBodyBytesInFlight > 0 ? maxBodyBytesInFlight
        : (long) (Runtime.getRuntime().maxMemory() * BODY_SHARE_OF_HEAP);
  }
}
