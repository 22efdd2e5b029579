package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.GatewayProcess;
import dev.claudebedrock.proxy.testing.RedisServer;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two gateway processes sharing a real Redis: one answers, the other replays it without calling Bedrock. */
class SharedCacheTest {

  @Test
  void aRequestToOneReplicaSparesTheOtherTheUpstreamCall() throws Exception {
    try (RedisServer redis = RedisServer.start();
        BedrockSimulator sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).build())) {
      Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(sim));
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      env.put("BEDROCK_PROXY_CACHE_BACKEND", "redis");
      env.put("REDIS_URL", redis.url());
      // About sharing, not about a slow Redis (HungRedisTest): a fresh process's first lookups may be slow.
      env.put("BEDROCK_PROXY_CACHE_REDIS_TIMEOUT_MS", "5000");
      try (GatewayProcess first = GatewayProcess.start(env); GatewayProcess second = GatewayProcess.start(env)) {
        String body = ResponseCacheTest.deterministic("Shared between replicas", false);
        HttpResponse<String> a = post(first, body);
        HttpResponse<String> b = post(second, body);
        String stream = ResponseCacheTest.deterministic("Streamed between replicas [[sim:tokens=5]]", true);
        HttpResponse<String> c = post(first, stream);
        HttpResponse<String> d = post(second, stream);

        assertThat(a.headers().firstValue("x-cache")).hasValue("MISS");
        assertThat(b.headers().firstValue("x-cache")).hasValue("HIT");
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(c.headers().firstValue("x-cache")).hasValue("MISS");
        assertThat(d.headers().firstValue("x-cache")).hasValue("HIT");
        assertThat(d.body()).isEqualTo(c.body());
        assertThat(sim.requests()).hasSize(2);
        assertThat(redis.command("DBSIZE")).isEqualTo(":2\r\n");
        assertThat(redis.command("KEYS *")).contains("claude-bedrock-proxy:cache:api-auth-token:");
      }
    }
  }

  private static HttpResponse<String> post(GatewayProcess gateway, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
