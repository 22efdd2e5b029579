package dev.claudebedrock.bench.suite;

import java.util.List;

/**
 * Paced streams at rising rates: one {@link StreamingResult} per rate, each with the direct route, the gateway over
 * HTTP/1.1 and over HTTP/2 to the simulator, and nginx.
 */
public record StreamRatesResult(double tokensPerSecond, int tokens, List<StreamingResult> rates) {
  public StreamRatesResult {
    rates = List.copyOf(rates);
  }
}
