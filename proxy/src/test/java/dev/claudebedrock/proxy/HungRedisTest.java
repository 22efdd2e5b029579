package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis that accepts connections but never answers (a real redis-server stopped with SIGSTOP)
 * costs a cacheable request at most the lookup timeout: the request is answered from Bedrock as a
 * miss, and the cache is used again once Redis runs.
 */
class HungRedisTest {

  @Test
  void aFrozenRedisTurnsLookupsIntoMissesInsteadOfStallingRequests() throws Exception {
    try (RedisServer redis = RedisServer.start();
        GatewayHarness harness = GatewayHarness.start("", Map.of("BEDROCK_PROXY_CACHE_BACKEND", "redis",
            "REDIS_URL", redis.url(), "BEDROCK_PROXY_CACHE_REDIS_TIMEOUT_MS", "100"))) {
      String body = ResponseCacheTest.deterministic("Cached while Redis is well", false);
      assertThat(post(harness, body).headers().firstValue("x-cache")).hasValue("MISS");
      assertThat(post(harness, body).headers().firstValue("x-cache")).hasValue("HIT");

      redis.freeze();
      try {
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> whileHung = post(harness, body);
          assertThat(whileHung.statusCode()).isEqualTo(200);
          assertThat(whileHung.headers().firstValue("x-cache")).hasValue("MISS");
        }
      } finally {
        redis.thaw();
      }

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      String result = "";
      while (!result.equals("HIT") && System.nanoTime() < deadline) {
        Thread.sleep(200);
        result = post(harness, body).headers().firstValue("x-cache").orElse("");
      }
      assertThat(result).as("the cache answers again once Redis runs").isEqualTo("HIT");
    }
  }

  /** A client that waits 5 s, far less than Redis stays frozen: a lookup that waited for Redis would fail it. */
  private static HttpResponse<String> post(GatewayHarness harness, String body) {
    return harness.send(HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
        .timeout(Duration.ofSeconds(5))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }
}
