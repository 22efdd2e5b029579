package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.run.ManagedProcess;
import java.util.Optional;

/** One way the load generator reaches a simulator: directly, or through a proxy process (nginx, the gateway). */
public record Route(Target target, Optional<ManagedProcess> proxy) {
  /** Names the routes carry in results and the report. */
  public static final String DIRECT = "direct";
  public static final String NGINX = "nginx";
  public static final String GATEWAY = "gateway";
  /** The gateway with governance on, called with a key that has rate limits and a budget. */
  public static final String GOVERNED = "gateway-governed";
  /** The plain gateway called through its OpenAI-compatible front door, for the same model and upstream. */
  public static final String OPENAI = "gateway-openai";
  /** The gateway with OpenTelemetry tracing on, exporting every span over OTLP/HTTP to a sink on loopback. */
  public static final String TRACED = "gateway-traced";
  /** Bedrock's native Messages API ("bedrock-mantle") called directly, the baseline of {@link #GATEWAY_MANTLE}. */
  public static final String DIRECT_MANTLE = "direct-mantle";
  /** The gateway with {@code api: mantle}: {@code /v1/messages} sent on to the native Messages API. */
  public static final String GATEWAY_MANTLE = "gateway-mantle";
  /** The gateway speaking HTTP/2 (prior knowledge) to the simulator, as it does to Bedrock over TLS. */
  public static final String GATEWAY_H2 = "gateway-h2";
  /** The gateway built from another commit, measured beside {@link #GATEWAY} in a before/after comparison. */
  public static final String BASELINE = "gateway-baseline";

  public String name() {
    return target.name();
  }
}
