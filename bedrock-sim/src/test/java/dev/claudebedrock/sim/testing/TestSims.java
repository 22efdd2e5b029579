package dev.claudebedrock.sim.testing;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;

/** Simulators as tests start them: loopback, a free port, the control API on. */
public final class TestSims {
  private TestSims() {}

  /** The configuration tests start from. */
  public static SimulatorConfig.Builder config() {
    return SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).eventLoops(2);
  }

  /** A started simulator with the test configuration. */
  public static BedrockSimulator start() {
    return BedrockSimulator.start(config().build());
  }
}
