package dev.claudebedrock.bench.run;

import java.net.URI;

/** A running Bedrock simulator: its process, port and output pacing (tokens per second, 0 for none). */
public record Simulator(ManagedProcess process, int port, double tokensPerSecond) {
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }
}
