package dev.claudebedrock.bench.suite;

import java.util.List;

/**
 * Mean CPU while a route was measured, in percent of one core (two cores top out at 200): the simulator, the proxy
 * on the route (0 when direct), the load generator, and the whole machine, which also counts any other work on it.
 * Beside it, per request over the whole legs (warm-up included): the proxy's CPU time ({@code utime + stime} of its
 * {@code /proc} entries, over the requests the load generator sent) and, for the gateway, the heap bytes it allocated
 * (its own {@code jvm_allocated_bytes_total}); both count only the proxy's own work, so they stay comparable while
 * other work shares the machine.
 *
 * @param proxySeconds the proxy's CPU time over the legs
 * @param requests the requests sent to the route over the legs
 * @param proxyAllocatedBytes heap bytes the gateway allocated over the legs, or -1 where it is not known (direct,
 *     nginx)
 */
public record CpuUse(double simulator, double proxy, double loadGenerator, double machine, double proxySeconds,
    long requests, long proxyAllocatedBytes) {

  /** The proxy's CPU time per request in microseconds, or -1 when there was no proxy or no request. */
  public double proxyMicrosPerRequest() {
    return requests > 0 && proxySeconds > 0 ? proxySeconds * 1e6 / requests : -1;
  }

  /** Heap bytes the gateway allocated per request, or -1 when not known. */
  public double proxyBytesPerRequest() {
    return requests > 0 && proxyAllocatedBytes >= 0 ? (double) proxyAllocatedBytes / requests : -1;
  }

  /** The legs taken together: means of the percentages, sums of the times, requests and bytes. */
  static CpuUse mean(List<CpuUse> legs) {
    boolean allocationKnown = !legs.isEmpty() && legs.stream().allMatch(leg -> leg.proxyAllocatedBytes >= 0);
    return new CpuUse(legs.stream().mapToDouble(CpuUse::simulator).average().orElse(0),
        legs.stream().mapToDouble(CpuUse::proxy).average().orElse(0),
        legs.stream().mapToDouble(CpuUse::loadGenerator).average().orElse(0),
        legs.stream().mapToDouble(CpuUse::machine).average().orElse(0),
        legs.stream().mapToDouble(CpuUse::proxySeconds).sum(),
        legs.stream().mapToLong(CpuUse::requests).sum(),
        allocationKnown ? legs.stream().mapToLong(CpuUse::proxyAllocatedBytes).sum() : -1);
  }
}
