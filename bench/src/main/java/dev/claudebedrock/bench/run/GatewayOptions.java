package dev.claudebedrock.bench.run;

import java.util.List;
import java.util.Set;

/**
 * How a gateway is started besides the production JVM flags: the upstream HTTP version ({@code 1.1}, or {@code 2}
 * for HTTP/2 with prior knowledge, many streams per connection) and JVM flags added after the production ones.
 */
public record GatewayOptions(String upstreamHttpVersion, List<String> extraJvmFlags) {
  private static final Set<String> HTTP_VERSIONS = Set.of("1.1", "2");

  public GatewayOptions {
    if (!HTTP_VERSIONS.contains(upstreamHttpVersion)) {
      throw new IllegalArgumentException("upstream HTTP version " + upstreamHttpVersion + ": expected 1.1 or 2");
    }
    extraJvmFlags = List.copyOf(extraJvmFlags);
  }

  /** As deployed: HTTP/1.1 upstream, production flags only. */
  public static GatewayOptions production() {
    return new GatewayOptions("1.1", List.of());
  }

  public GatewayOptions withJvmFlags(List<String> flags) {
    return new GatewayOptions(upstreamHttpVersion, flags);
  }
}
