package dev.claudebedrock.bench.jmh;

import dev.claudebedrock.proxy.bedrock.CredentialsCache;
import dev.claudebedrock.proxy.bedrock.SigV4Auth;
import dev.claudebedrock.proxy.bedrock.SignableRequest;
import dev.claudebedrock.proxy.config.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Signing one InvokeModel request with SigV4 (payload hash included), as every upstream call pays it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigV4Benchmark {
  @Param({"small", "claude-code"})
  public String body;

  private CredentialsCache credentials;
  private SigV4Auth auth;
  private Endpoint endpoint;
  private Buffer payload;

  @Setup
  public void setUp() {
    credentials = new CredentialsCache("bench", StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIDSIMULATOREXAMPLE", "sim-secret-access-key-example")));
    credentials.start().join();
    auth = new SigV4Auth(credentials, "us-east-1", "bedrock");
    endpoint = Endpoint.bedrockRuntime("us-east-1");
    payload = Buffer.buffer(Inputs.messagesRequest(body).body());
  }

  @TearDown
  public void tearDown() {
    credentials.close();
  }

  @Benchmark
  public MultiMap sign() {
    MultiMap headers = HttpHeaders.headers()
        .set("content-type", "application/json")
        .set("accept", "application/json")
        .set("content-length", Integer.toString(payload.length()));
    auth.apply(new SignableRequest("POST", endpoint,
        "/model/us.anthropic.claude-sonnet-5-5-20260915-v1:0/invoke", headers, payload));
    return headers;
  }
}
