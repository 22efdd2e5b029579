package dev.claudebedrock.sim.testing;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator per test class, reset before each test (no faults, no recorded requests, the configured timing, an
 * empty prompt cache):
 * <pre>{@code @RegisterExtension static final SimulatorExtension SIM = new SimulatorExtension();}</pre>
 */
public final class SimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final SimulatorConfig config;
  private BedrockSimulator sim;

  /** A simulator with the test configuration. */
  public SimulatorExtension() {
    this(TestSims.config().build());
  }

  /** A simulator with a specific configuration. */
  public SimulatorExtension(SimulatorConfig config) {
    this.config = config;
  }

  /** The running simulator. */
  public BedrockSimulator sim() {
    return sim;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sim = BedrockSimulator.start(config);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sim.faults().clear();
    sim.clearRequests();
    sim.clearPromptCache();
    sim.timing(config.timing().firstByte(), config.timing().tokensPerSecond());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    sim.close();
  }
}
