package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.GatewayProcess;
import dev.claudebedrock.proxy.testing.RedisServer;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two gateway processes sharing a real Postgres (keys, teams, ledger) and a real Redis (counters):
 * a limit of N admits exactly N across both, a revocation on one is refused by the other within a
 * second, and spend written by both is reported as one.
 */
class GovernanceReplicasTest {
  private static final String ADMIN = "admin-token-for-tests-0001";

  @Test
  @org.junit.jupiter.api.Timeout(180)   // three servers and two gateway processes start, and it may wait for a fresh minute
  void limitsHoldAcrossReplicasAndChangesReachEveryReplicaWithinASecond() throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).build());
        RedisServer redis = RedisServer.start();
        PostgresServer postgres = PostgresServer.start()) {
      Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(sim));
      env.put("ADMIN_API_TOKEN", ADMIN);
      env.put("DATABASE_URL", postgres.url());
      env.put("REDIS_URL", redis.url());
      env.put("BEDROCK_PROXY_GOVERNANCE_LEDGER_FLUSH_INTERVAL_MS", "50");
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      try (GatewayProcess a = GatewayProcess.start(env); GatewayProcess b = GatewayProcess.start(env)) {
        JsonNode limited = GatewayProcess.json(a.send("POST", "/admin/v1/keys", ADMIN,
            "{\"name\":\"shared\",\"limits\":{\"requests_per_minute\":7}}").body());
        String secret = limited.get("key").asText();
        awaitAccepted(b, secret);
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) {   // the limit counts per UTC minute: keep the 16 calls inside one
          Thread.sleep(60_000 - intoMinute + 100);
        }
        int admitted = 0;
        int refused = 0;
        for (int i = 0; i < 16; i++) {
          int status = (i % 2 == 0 ? a : b).send("POST", "/v1/messages", secret, GatewayProcess.HELLO).statusCode();
          if (status == 200) {
            admitted++;
          } else {
            assertThat(status).isEqualTo(429);
            refused++;
          }
        }
        assertThat(admitted).isEqualTo(7);
        assertThat(refused).isEqualTo(9);

        JsonNode other = GatewayProcess
            .json(a.send("POST", "/admin/v1/keys", ADMIN, "{\"name\":\"to-revoke\"}").body());
        String otherSecret = other.get("key").asText();
        awaitAccepted(b, otherSecret);
        assertThat(a.send("DELETE", "/admin/v1/keys/" + other.get("id").asText(), ADMIN, null).statusCode())
            .isEqualTo(200);
        long revoked = System.nanoTime();
        int status;
        do {
          status = b.send("POST", "/v1/messages", otherSecret, GatewayProcess.HELLO).statusCode();
        } while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(1).toNanos());
        assertThat(status).as("replica b refuses the key revoked on replica a within a second").isEqualTo(401);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long served = 0;
        while (System.nanoTime() < deadline && served != admitted) {
          JsonNode spend = GatewayProcess.json(b.send("GET", "/admin/v1/spend?group_by=key", ADMIN, null).body())
              .get("data");
          served = 0;
          for (JsonNode row : spend) {
            if (row.get("key_id").asText().equals(limited.get("id").asText())) {
              served = row.get("requests").asLong();
            }
          }
          Thread.sleep(50);
        }
        assertThat(served).isEqualTo(admitted);
      }
    }
  }

  private void awaitAccepted(GatewayProcess gateway, String secret) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (gateway.send("GET", "/v1/gateway/key", secret, null).statusCode() == 200) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the other replica never accepted the new key");
  }

}
