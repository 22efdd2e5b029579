package dev.claudebedrock.bench.jmh;

import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.config.Limits;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.governance.KeyDirectory;
import dev.claudebedrock.proxy.governance.LocalRateLimiter;
import dev.claudebedrock.proxy.governance.PriceTable;
import dev.claudebedrock.proxy.governance.RateDecision;
import dev.claudebedrock.proxy.governance.RateScope;
import dev.claudebedrock.proxy.governance.TokenUsage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What governance adds per request on the hot path, in memory: finding a key among 10,000, admitting a request
 * against a key's, a team's and the organization's rate limits and settling it, and pricing its usage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GovernanceBenchmark {
  private static final int KEYS = 10_000;

  private KeyDirectory directory;
  private String secret;
  private final LocalRateLimiter limiter = new LocalRateLimiter();
  private final List<RateScope> scopes = List.of(
      new RateScope("key", "key_1", new Limits(1_000_000_000, 1_000_000_000_000L, 1_000_000_000_000L, 1_000_000)),
      new RateScope("team", "team_1", new Limits(1_000_000_000, 0, 0, 1_000_000)),
      new RateScope("organization", "org", new Limits(1_000_000_000, 0, 0, 0)));
  private PriceTable prices;
  private final TokenUsage usage = new TokenUsage(1_200, 350, 0, 2_000, 40_000);
  private final LocalDate today = LocalDate.now();

  @Setup
  public void setUp() {
    ProxyConfig config = ConfigLoader.fromYaml("", "benchmark", new Environment(Map.of("API_AUTH_TOKEN",
        "benchmark-token-0123456789")));
    List<ClientKey> keys = new java.util.ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      keys.add(ClientKey.ofToken("key-" + i, "sk-cbp-benchmark-secret-" + i).withPolicy(KeyPolicy.NONE));
    }
    secret = "sk-cbp-benchmark-secret-" + (KEYS / 2);
    directory = new KeyDirectory(keys, config.governance(), null);
    prices = new PriceTable(config.pricing(), new ModelCatalog(config.models(), "us-east-1"));
  }

  @TearDown
  public void tearDown() {
    directory.close();
  }

  /** Authentication: the SHA-256 of the secret and one hash-map lookup. */
  @Benchmark
  public Identity findKey() {
    return directory.find(secret);
  }

  /** Admission against three scopes and its settlement when the request ends. */
  @Benchmark
  public RateDecision admitAndSettle() {
    RateDecision decision = limiter.admitNow(scopes, 1_200);
    limiter.settle(decision.ticket(), 1_150, 350);
    return decision;
  }

  /** Pricing a response's usage (5-minute and 1-hour writes, reads, output). */
  @Benchmark
  public double price() {
    return prices.cost("claude-sonnet-4-5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", usage, today);
  }
}
