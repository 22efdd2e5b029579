package dev.claudebedrock.proxy.testing;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.util.Map;

/** Two simulators acting as two Bedrock regions, and a gateway with a target in each. */
public final class TwoRegions implements AutoCloseable {
  public final BedrockSimulator eu;
  public final GatewayHarness gateway;

  private TwoRegions(BedrockSimulator eu, GatewayHarness gateway) {
    this.eu = eu;
    this.gateway = gateway;
  }

  /** The US simulator is the default target; {@code yaml} may use {@code EU_URL} for the EU one. */
  public static TwoRegions start(String yaml, Map<String, String> env) {
    BedrockSimulator eu = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0)
        .region("eu-west-1").controlApi(true).build());
    try {
      String targets = "targets:\n  eu:\n    region: eu-west-1\n    endpoint: " + eu.baseUrl()
          + "\n    control_plane_endpoint: " + eu.baseUrl() + "\n";
      return new TwoRegions(eu, GatewayHarness.start(targets + yaml, env));
    } catch (RuntimeException e) {
      eu.close();
      throw e;
    }
  }

  public BedrockSimulator us() {
    return gateway.sim;
  }

  public void reset() {
    for (BedrockSimulator sim : new BedrockSimulator[] {us(), eu}) {
      sim.clearRequests();
      sim.faults().clear();
    }
  }

  public String metrics() {
    return gateway.get("/metrics", false).body();
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      eu.close();
    }
  }
}
