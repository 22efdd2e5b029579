package dev.claudebedrock.bench.run;

import java.net.URI;
import java.util.Map;

/** A running nginx: for each simulator port it fronts, the port nginx listens on for it. */
public record Nginx(ManagedProcess process, Map<Integer, Integer> portBySimulatorPort) {
  public Nginx {
    portBySimulatorPort = Map.copyOf(portBySimulatorPort);
  }

  /** The URL that reaches a simulator through nginx. */
  public URI baseUrlFor(Simulator simulator) {
    Integer port = portBySimulatorPort.get(simulator.port());
    if (port == null) {
      throw new IllegalArgumentException("nginx does not front the simulator on port " + simulator.port());
    }
    return URI.create("http://127.0.0.1:" + port);
  }
}
