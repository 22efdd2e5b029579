package dev.claudebedrock.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudebedrock.bench.run.Gateway;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcessGroup;
import dev.claudebedrock.bench.run.TestRepository;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct route is only a fair comparison if it sends what the gateway sends: for each workload, the request the
 * real gateway forwards to the simulator has the path and the body the bench sends directly.
 */
class DirectBodyMatchesGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "claude-sonnet-5-5";
  private static final String BEDROCK_MODEL = "us.anthropic.claude-sonnet-5-5";

  @TempDir
  static Path directory;
  private static BedrockSimulator simulator;
  private static ProcessGroup processes;
  private static LoadClient client;
  private static Target gateway;

  @BeforeAll
  static void start() {
    simulator = BedrockSimulator.start(SimulatorConfig.builder().port(0).build());
    processes = new ProcessGroup();
    Gateway started = new Launcher(TestRepository.tools(), directory, processes)
        .gateway(URI.create(simulator.baseUrl()), GatewayOptions.production());
    gateway = Target.anthropic("gateway", started.baseUrl(), MODEL, Launcher.GATEWAY_TOKEN, false);
    client = LoadClient.open(4);
  }

  @AfterAll
  static void stop() {
    client.close();
    processes.close();
    simulator.close();
  }

  static List<Workload> workloads() {
    return List.of(new Workload(BodyKind.SMALL, false, 20), new Workload(BodyKind.SMALL, true, 50),
        new Workload(BodyKind.CLAUDE_CODE, false, 20), new Workload(BodyKind.CLAUDE_CODE, true, 20),
        new Workload(BodyKind.SIZE_5_KB, false, 20), new Workload(BodyKind.SIZE_2_MB, false, 20));
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void gatewayForwardsTheDirectRequest(Workload workload) throws IOException {
    simulator.clearRequests();
    Recording recording = new Recording(workload, 0);
    client.send(gateway, workload, System.nanoTime(), recording).await();
    RecordedRequest forwarded = simulator.awaitRequests(1, Duration.ofSeconds(10)).getFirst();

    Target direct = Target.bedrock("direct", URI.create(simulator.baseUrl()), BEDROCK_MODEL, "key");
    assertThat(recording.result(0, 0).errors()).as("errors through the gateway").isZero();
    assertThat(forwarded.rawPath()).isEqualTo(direct.requestUri(workload.stream()));
    JsonNode sent = JSON.readTree(RequestBodies.payload(Api.BEDROCK, BEDROCK_MODEL, workload).body());
    assertThat(JSON.readTree(forwarded.body())).isEqualTo(sent);
  }
}
