package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger of requests served by Bedrock's native Messages API: the same rows, tokens and cost as on InvokeModel,
 * 1-hour prompt-cache writes priced at their own rate.
 */
class MantleLedgerTest {
  private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":40,\"stream\":true,\"system\":["
      + "{\"type\":\"text\",\"text\":\"" + "You are a ledger-minded assistant. ".repeat(30) + "\",\"cache_control\":"
      + "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"hello ledger\"}]}";
  @TempDir
  static Path invokeDir;
  @TempDir
  static Path mantleDir;
  private static BedrockSimulator mantleSim;
  private static GovernedGateway invoke;
  private static GovernedGateway mantle;

  @BeforeAll
  static void start() {
    invoke = GovernedGateway.start(invokeDir, "", Map.of());
    mantleSim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).build());
    mantle = GovernedGateway.start(mantleDir, """
        targets:
          m: {region: us-east-1, api: mantle, mantle_endpoint: "%s/anthropic"}
        routes:
          all: {models: ["*"], targets: [{target: m}]}
        """.formatted(mantleSim.baseUrl()), Map.of());
  }

  @AfterAll
  static void stop() {
    invoke.close();
    mantle.close();
    mantleSim.close();
  }

  @Test
  void writesTheSameRowsAsInvokeModelWithOneHourCacheWritesAtTheirRate() throws Exception {
    List<JsonNode> rows = new java.util.ArrayList<>();
    for (GovernedGateway gw : List.of(invoke, mantle)) {
      JsonNode key = gw.createKey("{\"name\":\"ledger\"}");
      assertThat(gw.messages(key.get("key").asText(), BODY).statusCode()).isEqualTo(200);
      assertThat(gw.messages(key.get("key").asText(), BODY).statusCode()).isEqualTo(200);
      rows.add(gw.awaitRequests(key.get("id").asText(), 2));
    }
    assertThat(mantleSim.requests()).hasSize(2).allSatisfy(r -> assertThat(r.rawPath()).isEqualTo(
        "/anthropic/v1/messages"));

    for (String column : List.of("input_tokens", "output_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens",
        "cache_read_input_tokens", "cost_usd")) {
      assertThat(rows.get(1).findValuesAsText(column)).as(column)
          .containsExactlyInAnyOrderElementsOf(rows.get(0).findValuesAsText(column));
    }
    JsonNode write = rows.get(1).findParents("cache_write_1h_tokens").stream()
        .filter(r -> r.get("cache_write_1h_tokens").asLong() > 0).findFirst().orElseThrow();
    JsonNode read = rows.get(1).findParents("cache_read_input_tokens").stream()
        .filter(r -> r.get("cache_read_input_tokens").asLong() > 0).findFirst().orElseThrow();
    assertThat(write.get("cache_write_5m_tokens").asLong()).isZero();
    assertThat(read.get("cache_read_input_tokens").asLong()).isEqualTo(write.get("cache_write_1h_tokens").asLong());
    assertThat(write.get("cost_usd").asDouble()).isGreaterThan(read.get("cost_usd").asDouble());
  }
}
