package dev.claudebedrock.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.bench.load.Payload;
import dev.claudebedrock.proxy.config.BedrockPolicyConfig;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.invoke.InvokeBodyRewriter;
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

/** The Messages → InvokeModel body rewrite: parse, beta policy, serialise, as every request pays it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BodyRewriteBenchmark {
  @Param({"small", "claude-code"})
  public String body;

  private byte[] bytes;
  private List<String> betas;
  private InvokeBodyRewriter rewriter;

  @Setup
  public void setUp() {
    Payload request = Inputs.messagesRequest(body);
    bytes = request.body();
    String beta = request.headers().get("anthropic-beta");
    betas = beta == null ? List.of() : List.of(beta);
    rewriter = new InvokeBodyRewriter(BedrockPolicyConfig.defaults());
  }

  @Benchmark
  public byte[] parseAndRewrite() throws IOException {
    ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(bytes);
    return rewriter.rewrite(tree, betas).bytes();
  }
}
