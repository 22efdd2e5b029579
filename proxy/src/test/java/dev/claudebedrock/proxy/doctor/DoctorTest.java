package dev.claudebedrock.proxy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.models.ModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} against the Bedrock simulator: each thing that can be wrong is found, explained, and fails the exit status. */
class DoctorTest {
  private static final String TOKEN = "doctor-test-token-0123456789";
  private static BedrockSimulator sim;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).eventLoops(2).build());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void findsNothingWrongWithAHealthyDeployment() {
    Result result = doctor(environment(sim));

    assertThat(result.exit()).as(result.output()).isEqualTo(Doctor.OK);
    assertThat(result.output())
        .contains("[ ok ] Configuration: read from built-in defaults; region us-east-1")
        .contains("[ ok ] Java runtime: Java ")
        .contains("[ ok ] AWS credentials: SigV4 (service bedrock, region us-east-1) with access key AKID…MPLE, "
            + "from environment variable AWS_ACCESS_KEY_ID")
        .contains("[ ok ] Caller identity: account 123456789012, arn:aws:iam::123456789012:user/bedrock-sim")
        .contains(
            "[ ok ] Model claude-sonnet-4-5-20250929 (us.anthropic.claude-sonnet-4-5-20250929-v1:0): answered in ")
        .contains("No problems found.")
        .doesNotContain("[FAIL]", "[warn]", SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY, TOKEN);
    assertThat(result.output().lines().filter(l -> l.startsWith("[ ok ] Model "))).hasSize(15);
  }

  @Test
  void reportsMissingCredentialsWithTheWaysToGiveThem() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "API_AUTH_TOKEN", TOKEN,
        "AWS_REGION", "us-east-1",
        "BEDROCK_ENDPOINT", sim.baseUrl(),
        "AWS_ENDPOINT_URL_STS", sim.baseUrl(),
        "AWS_EC2_METADATA_DISABLED", "true",
        "AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString(),
        "HOME", dir.toString()));
    Result result = doctorProcess(env);

    assertThat(result.exit()).as(result.output()).isEqualTo(Doctor.PROBLEMS);
    assertThat(result.output())
        .contains("[FAIL] AWS credentials: none found (the default chain")
        .contains("- Static keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID_FILE")
        .contains("- A role: IRSA on EKS")
        .contains("[skip] Caller identity and models: they need AWS credentials")
        .contains("1 problem found");
  }

  @Test
  void reportsHalfAKeyPair() {
    Map<String, String> env = environment(sim);
    env.remove("AWS_SECRET_ACCESS_KEY");
    Result result = doctor(env);

    assertThat(result.exit()).isEqualTo(Doctor.PROBLEMS);
    assertThat(result.output())
        .contains("[FAIL] AWS credentials: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
  }

  @Test
  void namesTheRegionTheEndpointExpectsWhenTheRegionIsWrong() {
    Map<String, String> env = environment(sim);
    env.put("AWS_REGION", "us-west-2");
    Result result = doctor(env);

    assertThat(result.exit()).as(result.output()).isEqualTo(Doctor.PROBLEMS);
    assertThat(result.output())
        .contains("[FAIL] Caller identity: STS " + sim.baseUrl() + " refused the credentials: SignatureDoesNotMatch")
        .contains("- Requests are signed for region us-west-2, but the endpoint serves us-east-1.")
        .contains("- Set AWS_REGION to us-east-1")
        .contains("[FAIL] Bedrock " + sim.baseUrl() + ": refused the credentials: InvalidSignatureException");
    assertThat(result.output().lines().filter(l -> l.startsWith("[FAIL] Model"))).as("said once, not per model")
        .isEmpty();
  }

  @Test
  void failsForAConfiguredModelWithoutAccessAndOnlyWarnsForABuiltInOne() throws IOException {
    SimulatorConfig config = SimulatorConfig.builder().host("127.0.0.1").port(0).eventLoops(1).models(List.of(
        ModelSpec.onDemand("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929",
            "Claude Sonnet 4.5"),
        ModelSpec.onDemand("anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001", "Claude Haiku 4.5")
            .withAccess(false)))
        .build();
    try (BedrockSimulator restricted = BedrockSimulator.start(config)) {
      Path file = Files.writeString(dir.resolve("bedrock.config.yaml"), """
          models:
            include_defaults: false
            map:
              team-sonnet: anthropic.claude-sonnet-4-5-20250929-v1:0
              team-haiku: anthropic.claude-haiku-4-5-20251001-v1:0
          """);
      Result configured = doctor(environment(restricted), "--config", file.toString());

      assertThat(configured.exit()).as(configured.output()).isEqualTo(Doctor.PROBLEMS);
      assertThat(configured.output())
          .contains("[ ok ] Model team-sonnet (us.anthropic.claude-sonnet-4-5-20250929-v1:0): answered in ")
          .contains("[FAIL] Model team-haiku (us.anthropic.claude-haiku-4-5-20251001-v1:0): this account has no access "
              + "to the model: AccessDeniedException (HTTP 403)")
          .contains("- Request access in the Bedrock console of us-east-1 (Model access).");

      Result builtIn = doctor(environment(restricted), "--model", "claude-sonnet-4-5", "--model", "claude-haiku-4-5");
      assertThat(builtIn.output()).contains("[FAIL] Model claude-haiku-4-5");

      Result defaults = doctor(environment(restricted));
      assertThat(defaults.exit()).as("built-in models are warnings while one answers").isEqualTo(Doctor.OK);
      assertThat(defaults.output())
          .contains(
              "[warn] Model claude-haiku-4-5-20251001 (us.anthropic.claude-haiku-4-5-20251001-v1:0): this account "
                  + "has no access")
          .contains("- This is a built-in model; clients that ask for it get this error.");
    }
  }

  @Test
  void reportsAnUnreachableBedrockOnceWithTheNetworkSteps() {
    Map<String, String> env = environment(sim);
    env.put("BEDROCK_ENDPOINT", "http://127.0.0.1:1");
    env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1");
    Result result = doctor(env);

    assertThat(result.exit()).isEqualTo(Doctor.PROBLEMS);
    assertThat(result.output())
        .contains("[warn] Caller identity: could not ask STS at http://127.0.0.1:1")
        .contains("[FAIL] Bedrock http://127.0.0.1:1: no answer: ConnectException")
        .contains("- No connection to http://127.0.0.1:1: check the network path");
  }

  @Test
  void checksABedrockApiKeyThroughTheModelsAlone() {
    Map<String, String> env = environment(sim);
    env.remove("AWS_ACCESS_KEY_ID");
    env.remove("AWS_SECRET_ACCESS_KEY");
    env.put("AWS_BEARER_TOKEN_BEDROCK", SimulatorConfig.DEFAULT_API_KEY);
    Result result = doctor(env, "--model", "sonnet");

    assertThat(result.exit()).as(result.output()).isEqualTo(Doctor.OK);
    assertThat(result.output())
        .contains("[ ok ] AWS credentials: Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)")
        .contains("[skip] Caller identity: STS cannot check a Bedrock API key")
        .contains("[ ok ] Model sonnet (us.anthropic.claude-sonnet-5-5): answered in ")
        .doesNotContain(SimulatorConfig.DEFAULT_API_KEY);
  }

  @Test
  void printsTheConfigurationErrorAndStops() {
    Map<String, String> env = environment(sim);
    env.put("PORT", "70000");
    Result result = doctor(env);

    assertThat(result.exit()).isEqualTo(Doctor.PROBLEMS);
    assertThat(result.output())
        .contains(
            "[FAIL] Configuration: Invalid configuration: server.port = \"70000\" (from environment variable PORT): "
                + "expected an integer between 0 and 65535")
        .doesNotContain("AWS credentials");
  }

  @Test
  void refusesUnknownOptions() {
    Result result = doctor(environment(sim), "--verbose");

    assertThat(result.exit()).isEqualTo(Doctor.USAGE);
    assertThat(result.output()).contains("Unknown option: --verbose")
        .contains("Usage: java -jar claude-bedrock-proxy.jar doctor");
  }

  private static Map<String, String> environment(BedrockSimulator simulator) {
    return new HashMap<>(Map.of(
        "API_AUTH_TOKEN", TOKEN,
        "AWS_ACCESS_KEY_ID", SimulatorConfig.DEFAULT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY,
        "AWS_REGION", SimulatorConfig.DEFAULT_REGION,
        "BEDROCK_ENDPOINT", simulator.baseUrl(),
        "AWS_ENDPOINT_URL_STS", simulator.baseUrl()));
  }

  private record Result(int exit, String output) {}

  private static Result doctor(Map<String, String> env, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = Doctor.run(List.of(args), env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  /** Through the command line, in a process whose environment holds only what is given (as in a bare container). */
  private static Result doctorProcess(Map<String, String> env) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.claudebedrock.proxy.Main", "doctor"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
