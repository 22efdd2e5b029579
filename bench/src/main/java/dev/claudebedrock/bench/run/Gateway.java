package dev.claudebedrock.bench.run;

import java.net.URI;
import java.time.Duration;

/** A running gateway: its process, port, and when {@code /health/ready} first answered 200. */
public record Gateway(ManagedProcess process, int port, long readyNanos) {
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** From just before the process was started to the first 200 from {@code /health/ready}. */
  public Duration startToReady() {
    return Duration.ofNanos(readyNanos - process.startNanos());
  }
}
