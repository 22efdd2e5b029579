package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.run.Launcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Paced streams opened at rising rates through the gateway, once speaking HTTP/1.1 to the simulator (one upstream
 * connection per open stream) and once HTTP/2 (many streams per connection, as with Bedrock over TLS), beside the
 * direct route and nginx: the rate where forwarding saturates (fewer streams completed per second than opened, the
 * first event falling behind) while the direct route keeps up.
 */
public final class StreamRatesScenario {
  /** The simulator's pacing: a stream of 50 tokens lasts 0.1 s, so 2,000 streams/s keep about 200 open per route. */
  public static final double TOKENS_PER_SECOND = 500;

  private StreamRatesScenario() {}

  /** New streams per second, rising: the published rates, or one small rate to check that it works. */
  public static List<Double> rates(boolean quick) {
    return quick ? List.of(40.0) : List.of(500.0, 1_000.0, 2_000.0);
  }

  /** Starts its own simulator, gateways and nginx, warms them up, runs every rate and stops them. */
  public static StreamRatesResult run(Launcher launcher, LoadClient client, SuitePlan plan, List<Double> rates,
      Progress progress) throws InterruptedException {
    Stand stand = Stand.streamRates(launcher, TOKENS_PER_SECOND);
    try {
      Warmup.run(client, stand, List.of(new Workload(BodyKind.SMALL, true, plan.streamTokens())),
          plan.warmupPerRoute(), progress);
      List<StreamingResult> results = new ArrayList<>();
      for (double rate : rates) {
        results.add(StreamingScenario.run(client, stand, plan, rate, progress));
      }
      return new StreamRatesResult(TOKENS_PER_SECOND, plan.streamTokens(), results);
    } finally {
      stand.stop();
    }
  }
}
