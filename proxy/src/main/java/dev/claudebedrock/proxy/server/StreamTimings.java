package dev.claudebedrock.proxy.server;

/**
 * Timing rules for responses that stream.
 *
 * @param pingIntervalMs silence towards the client after which a keep-alive ping is sent
 * @param idleTimeoutMs silence from the upstream after which the stream is given up
 */
public record StreamTimings(long pingIntervalMs, long idleTimeoutMs) {

  /** How often a stream checks its clocks: pings then go out 1 to 1.5 intervals after the last write. */
  public long checkPeriodMs() {
    return Math.max(10, Math.min(pingIntervalMs / 2, idleTimeoutMs / 4));
  }
}
