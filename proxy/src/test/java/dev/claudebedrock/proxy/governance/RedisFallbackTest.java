package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With Redis unreachable, limits are counted per replica, with a metric; requests keep flowing. */
class RedisFallbackTest {
  @TempDir
  Path dir;

  @Test
  void anUnreachableRedisFallsBackToCountingOnThisReplica() throws Exception {
    try (GovernedGateway gw = GovernedGateway.start(dir, "", Map.of("REDIS_URL", "redis://127.0.0.1:1"))) {
      String key = gw.createKey("{\"name\":\"k\",\"limits\":{\"requests_per_minute\":2}}").get("key").asText();
      GovernedGateway.awaitRoomInThisMinute();
      assertThat(gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(200);
      assertThat(gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", true)).statusCode()).isEqualTo(200);
      assertThat(gw.messages(key, GovernedGateway.hello("claude-haiku-4-5", false)).statusCode()).isEqualTo(429);
      assertThat(gw.metric("gateway_rate_limit_redis_fallbacks_total")).isGreaterThanOrEqualTo(3);
    }
  }
}
