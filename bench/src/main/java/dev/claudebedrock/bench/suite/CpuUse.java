package dev.claudebedrock.bench.suite;

import java.util.List;

/**
 * Mean CPU while a route was measured, in percent of one core (two cores top out at 200): the simulator, the proxy
 * on the route (0 when direct), the load generator, and the whole machine, which also counts any other work on it.
 */
public record CpuUse(double simulator, double proxy, double loadGenerator, double machine) {
  /** The mean of several legs' figures. */
  static CpuUse mean(List<CpuUse> legs) {
    return new CpuUse(legs.stream().mapToDouble(CpuUse::simulator).average().orElse(0),
        legs.stream().mapToDouble(CpuUse::proxy).average().orElse(0),
        legs.stream().mapToDouble(CpuUse::loadGenerator).average().orElse(0),
        legs.stream().mapToDouble(CpuUse::machine).average().orElse(0));
  }
}
