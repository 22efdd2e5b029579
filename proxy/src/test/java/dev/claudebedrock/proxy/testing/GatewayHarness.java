package dev.claudebedrock.proxy.testing;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.claudebedrock.proxy.ProxyServer;
import dev.claudebedrock.proxy.config.ConfigSource;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The gateway in front of a Bedrock simulator, both on ephemeral loopback ports, as tests drive them. */
public final class GatewayHarness implements AutoCloseable {
  public static final String TOKEN = "test-client-token-0123456789";
  /** For tests about one upstream answer: the gateway passes it on instead of retrying. */
  public static final Map<String, String> NO_RETRIES = Map.of("BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1");

  public final BedrockSimulator sim;
  public final ProxyServer gateway;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private GatewayHarness(BedrockSimulator sim, ProxyServer gateway) {
    this.sim = sim;
    this.gateway = gateway;
  }

  /** Default configuration: one API token, the simulator as Bedrock. */
  public static GatewayHarness start() {
    return start("", Map.of());
  }

  /** With extra configuration: YAML and environment variables (which win). */
  public static GatewayHarness start(String yaml, Map<String, String> env) {
    return start(SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).build(), yaml, env);
  }

  public static GatewayHarness start(SimulatorConfig simConfig, String yaml, Map<String, String> env) {
    return start(simConfig, yaml, simulatorUrl -> env);
  }

  /** With environment variables that depend on the simulator's base URL (they win over the defaults). */
  public static GatewayHarness start(SimulatorConfig simConfig, String yaml,
      Function<String, Map<String, String>> env) {
    return start(simConfig, env, vars -> ConfigSource.yaml(yaml, "test", vars));
  }

  /** With the configuration in a file, which a reload reads again. */
  public static GatewayHarness startFromFile(Path file, Function<String, Map<String, String>> env) {
    return start(SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).build(), env,
        vars -> ConfigSource.file(file, vars));
  }

  private static GatewayHarness start(SimulatorConfig simConfig, Function<String, Map<String, String>> env,
      Function<Environment, ConfigSource> source) {
    BedrockSimulator sim = BedrockSimulator.start(simConfig);
    Map<String, String> vars = new HashMap<>(gatewayEnvironment(sim));
    vars.putAll(env.apply(sim.baseUrl()));
    try {
      return new GatewayHarness(sim, ProxyServer.start(source.apply(new Environment(vars))));
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** What the gateway needs to call the simulator, listening on a free loopback port. */
  public static Map<String, String> gatewayEnvironment(BedrockSimulator sim) {
    return Map.of(
        "API_AUTH_TOKEN", TOKEN,
        "AWS_ACCESS_KEY_ID", SimulatorConfig.DEFAULT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY,
        "AWS_REGION", SimulatorConfig.DEFAULT_REGION,
        "BEDROCK_ENDPOINT", sim.baseUrl(),
        "BEDROCK_CONTROL_PLANE_ENDPOINT", sim.baseUrl(),
        "AWS_ENDPOINT_URL_STS", sim.baseUrl(),
        "PORT", "0",
        "BEDROCK_PROXY_SERVER_HOST", "127.0.0.1",
        "BEDROCK_PROXY_SERVER_EVENT_LOOPS", "2");
  }

  public String url() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** The official Anthropic SDK pointed at the gateway, retries off so every call is visible. */
  public AnthropicClient sdk() {
    return AnthropicOkHttpClient.builder().baseUrl(url()).apiKey(TOKEN).maxRetries(0)
        .timeout(Duration.ofSeconds(30)).build();
  }

  /** A POST with the token and JSON headers. */
  public HttpResponse<String> post(String path, String json, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header("authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** A GET, with the token unless told otherwise. */
  public HttpResponse<String> get(String path, boolean withToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
        .GET();
    if (withToken) {
      request.header("x-api-key", TOKEN);
    }
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      sim.close();
    }
  }
}
