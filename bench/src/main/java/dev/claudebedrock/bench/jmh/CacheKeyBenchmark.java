package dev.claudebedrock.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.gateway.cache.CacheKey;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The response cache's exact-match key (canonical JSON, SHA-256): what a cacheable request pays before the lookup. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheKeyBenchmark {
  @Param({"small", "claude-code"})
  public String body;

  private ObjectNode tree;

  @Setup
  public void setUp() throws IOException {
    tree = (ObjectNode) Json.MAPPER.readTree(Inputs.messagesRequest(body).body());
  }

  @Benchmark
  public String key() {
    return CacheKey.of("client-a", tree, List.of("interleaved-thinking-2025-05-14"));
  }
}
