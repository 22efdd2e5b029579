package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.reload.ReloadOutcome;
import dev.claudebedrock.proxy.reload.Reloader;
import dev.claudebedrock.proxy.server.HttpFront;
import dev.claudebedrock.proxy.server.ReplyWriter;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seam for reloading the configuration: request paths built again from a new configuration and
 * the same {@link LongLivedState} carry over what must outlive a configuration — a target's open
 * circuit, the cached answers, the metrics — while the new configuration's own settings apply.
 */
class RequestPathsRebuildTest {
  private static final String OPUS = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":64,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Which region? [[sim:tokens=5]]\"}]}";
  private final HttpClient http = HttpClient.newHttpClient();
  private BedrockSimulator us;
  /** These paths are served by hand, not by a running gateway: nothing reloads them. */
  private static final Reloader NO_RELOADS = new Reloader() {
    @Override
    public ReloadOutcome reload(String trigger) {
      throw new UnsupportedOperationException("not reloadable");
    }

    @Override
    public ReloadOutcome last() {
      throw new UnsupportedOperationException("not reloadable");
    }
  };

  private BedrockSimulator eu;
  private Vertx vertx;
  private BedrockHttpClient upstream;
  private LongLivedState state;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    us = simulator("us-east-1");
    eu = simulator("eu-west-1");
    env = new HashMap<>(GatewayHarness.gatewayEnvironment(us));
    vertx = Vertx.vertx();
    ProxyConfig first = config(2);
    state = new LongLivedState(first, new Environment(env), vertx);
    state.start().get(30, TimeUnit.SECONDS);
    upstream = new BedrockHttpClient(vertx, first.upstream(), 1);
  }

  @AfterEach
  void stop() {
    upstream.close();
    vertx.close().await();
    state.close();
    us.close();
    eu.close();
  }

  @Test
  void rebuiltPathsKeepOpenCircuitsCachedAnswersAndMetrics() throws Exception {
    int before = serve(new RequestPaths(config(2), state, NO_RELOADS));
    us.faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE));
    assertThat(post(before, OPUS).statusCode()).isEqualTo(200);
    assertThat(post(before, OPUS, "x-gateway-cache", "use").headers().firstValue("x-cache")).hasValue("MISS");
    us.clearRequests();
    eu.clearRequests();

    RequestPaths rebuilt = new RequestPaths(config(3), state, NO_RELOADS);
    assertThat(rebuilt.config().gateway().retry().maxAttempts()).isEqualTo(3);
    int after = serve(rebuilt);

    assertThat(post(after, OPUS).statusCode()).isEqualTo(200);
    assertThat(us.requests()).as("the default target's circuit opened before the rebuild and is still open")
        .isEmpty();
    assertThat(eu.requests()).hasSize(1);
    assertThat(post(after, OPUS, "x-gateway-cache", "use").headers().firstValue("x-cache")).hasValue("HIT");
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + after + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(MetricsTest.value(metrics, "gateway_failovers_total{from_target=\"default\",to_target=\"eu\"}"))
        .isEqualTo(1);
  }

  private ProxyConfig config(int maxAttempts) {
    return ConfigLoader.fromYaml("""
        targets:
          eu: {region: eu-west-1, endpoint: %s, control_plane_endpoint: %s}
        routes:
          opus:
            models: [claude-opus-5-5]
            targets: [{target: default}, {target: eu}]
        retry: {max_attempts: %d, initial_backoff_ms: 10, max_backoff_ms: 20}
        circuit_breaker: {consecutive_failures: 1, open_seconds: 600}
        cache: {mode: opt_in}
        """.formatted(eu.baseUrl(), eu.baseUrl(), maxAttempts), "test", new Environment(env));
  }

  /** Serves the paths on a port of their own, as a verticle does. */
  private int serve(RequestPaths paths) {
    HttpFront front = new HttpFront(paths.routes(vertx, upstream), new ReplyWriter(vertx, paths.timings()),
        state.health()::draining, state.listener());
    HttpServer server = vertx.createHttpServer().requestHandler(front).listen(0, "127.0.0.1").await();
    return server.actualPort();
  }

  private HttpResponse<String> post(int port, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static BedrockSimulator simulator(String region) {
    return BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).region(region).build());
  }
}
