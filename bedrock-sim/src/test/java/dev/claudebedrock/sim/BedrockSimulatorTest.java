package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.TestSims;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Starting and stopping simulators from Java, as other modules' tests do. */
class BedrockSimulatorTest {

  @Test
  void runsSideBySideOnFreePorts() {
    try (BedrockSimulator one = TestSims.start(); BedrockSimulator two = TestSims.start()) {
      assertThat(one.port()).isPositive().isNotEqualTo(two.port());
      assertThat(one.baseUrl()).isEqualTo("http://127.0.0.1:" + one.port());
      assertThat(RawHttp.postJson(two, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke", Bodies.invoke("x"))
          .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void servesConcurrentClientsOnEveryEventLoop() {
    try (BedrockSimulator sim = BedrockSimulator.start(TestSims.config().eventLoops(4).build())) {
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> RawHttp.postJson(sim,
            "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke", Bodies.invoke("concurrent")).statusCode()));
      }
      assertThat(calls).allSatisfy(call -> assertThat(call.join()).isEqualTo(200));
      assertThat(sim.awaitRequests(40, Duration.ofSeconds(5))).hasSize(40);
    }
  }

  @Test
  void failsToStartOnAPortInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> BedrockSimulator.start(TestSims.config().port(taken.getLocalPort()).build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("bedrock-sim");
    }
  }

  @Test
  void reportsTheLoopbackAddressForAWildcardHost() {
    try (BedrockSimulator sim = BedrockSimulator.start(TestSims.config().host("0.0.0.0").build())) {
      assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
    }
  }

  @Test
  void startsWithTheDocumentedTestCredentials() {
    SimulatorConfig config = SimulatorConfig.builder().build();

    assertThat(config.region()).isEqualTo("us-east-1").isEqualTo(SimulatorConfig.DEFAULT_REGION);
    assertThat(config.accessKeyId()).isEqualTo("AKIDSIMULATOREXAMPLE");
    assertThat(config.secretAccessKey()).isEqualTo("sim-secret-access-key-example");
    assertThat(config.accountId()).isEqualTo("123456789012");
    assertThat(config.apiKey()).isEqualTo("sim-bedrock-api-key");
    assertThat(config.sessionToken()).isNull();
    assertThat(config.controlApi()).isFalse();
    assertThat(config.timing()).isEqualTo(dev.claudebedrock.sim.stream.Timing.NONE);
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }
}
