package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.BedrockException;

/**
 * The AWS SDKs' conventions honoured by a running gateway: endpoints from {@code AWS_ENDPOINT_URL_*} and the shared
 * config file, credentials from the files {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} name, and a
 * control plane that cannot be reached answered 502 / 504 in the Bedrock shape, naming the setting to check.
 */
class AwsConventionsTest {
  /** Unsets the harness's own endpoint and key variables (an empty value counts as unset). */
  private static final Map<String, String> WITHOUT_OWN_NAMES = Map.of("BEDROCK_ENDPOINT", "",
      "BEDROCK_CONTROL_PLANE_ENDPOINT", "", "AWS_ENDPOINT_URL_STS", "");

  @TempDir
  Path dir;

  @Test
  void reachesBedrockRuntimeThroughAwsEndpointUrlBedrockRuntime() {
    try (GatewayHarness harness = GatewayHarness.start(simulator(), "",
        sim -> withSimulatorAt(sim, Map.of(), "AWS_ENDPOINT_URL_BEDROCK_RUNTIME"))) {
      HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "hi"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(harness.sim.requests()).extracting(RecordedRequest::rawPath).anyMatch(p -> p.endsWith("/invoke"));
    }
  }

  @Test
  void reachesTheControlPlaneThroughAwsEndpointUrlWhileTheRuntimesOwnVariableWins() {
    try (GatewayHarness harness = GatewayHarness.start(simulator(), "", sim -> withSimulatorAt(sim,
        Map.of("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:1", "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1"),
        "AWS_ENDPOINT_URL"))) {
      HttpResponse<String> profiles = harness.get("/bedrock/inference-profiles", true);
      assertThat(profiles.statusCode()).isEqualTo(200);
      assertThat(profiles.body()).contains("inferenceProfileSummaries");
      HttpResponse<String> invoke = harness.post("/v1/messages", StreamingTest.body(false, "hi"));
      assertThat(invoke.statusCode()).isEqualTo(502);
      assertThat(invoke.body()).contains("aws.endpoint, from environment variable AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
    }
  }

  @Test
  void signsWithAProfileOfTheFilesTheEnvironmentNamesAndCallsTheEndpointsOfItsServicesSection() throws Exception {
    Path credentials = Files.writeString(dir.resolve("credentials"), """
        [bedrock-caller]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        """.formatted(SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY));
    Path config = dir.resolve("config");
    try (GatewayHarness harness = GatewayHarness.start(simulator(), "", sim -> {
      try {
        Files.writeString(config, """
            [profile bedrock-caller]
            region = us-east-1
            services = local-bedrock

            [services local-bedrock]
            bedrock_runtime =
              endpoint_url = %s
            bedrock =
              endpoint_url = %s
            """.formatted(sim, sim));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Map<String, String> env = new HashMap<>(WITHOUT_OWN_NAMES);
      env.putAll(Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "", "AWS_PROFILE", "bedrock-caller",
          "AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
          "HOME", dir.resolve("no-home").toString()));
      return env;
    })) {
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "hi")).statusCode()).isEqualTo(200);
      assertThat(harness.get("/bedrock/inference-profiles", true).statusCode()).isEqualTo(200);
      // The simulator checks every SigV4 signature against its keys: these came from the credentials file.
      assertThat(harness.sim.requests()).extracting(RecordedRequest::rawPath).contains("/inference-profiles")
          .anyMatch(p -> p.endsWith("/invoke"));
    }
  }

  @Test
  void anUnreachableControlPlaneIsA502InTheBedrockShapeNamingTheSetting() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (GatewayHarness harness = GatewayHarness.start(simulator(), "", Map.of("BEDROCK_CONTROL_PLANE_ENDPOINT", "",
        "AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:" + closed, "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1"))) {
      HttpResponse<String> response = harness.get("/bedrock/inference-profiles", true);
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.headers().firstValue("x-amzn-ErrorType").orElseThrow())
          .startsWith("ServiceUnavailableException:");
      assertThat(response.body())
          .contains("Bedrock's control plane cannot be reached from the gateway (endpoint: aws.control_plane_endpoint,"
              + " from environment variable AWS_ENDPOINT_URL_BEDROCK)")
          .doesNotContain("127.0.0.1");

      try (BedrockClient control = controlPlaneClient(harness)) {
        assertThatThrownBy(() -> control.listInferenceProfiles(r -> {}))
            .isInstanceOfSatisfying(BedrockException.class, e -> {
              assertThat(e.statusCode()).isEqualTo(502);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
              assertThat(e.awsErrorDetails().errorMessage()).contains("AWS_ENDPOINT_URL_BEDROCK");
            });
      }
    }
  }

  @Test
  void aControlPlaneThatNeverAnswersIsA504NamingTheSetting() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor = Thread.ofVirtual().start(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept());
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      try (GatewayHarness harness = GatewayHarness.start(simulator(), "",
          Map.of("BEDROCK_CONTROL_PLANE_ENDPOINT", "http://127.0.0.1:" + silent.getLocalPort(),
              "BEDROCK_PROXY_UPSTREAM_FIRST_BYTE_TIMEOUT_MS", "1000", "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1"))) {
        HttpResponse<String> response = harness.get("/bedrock/inference-profiles", true);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).isPresent();
        assertThat(response.body()).contains("Bedrock's control plane did not answer in time (endpoint: "
            + "aws.control_plane_endpoint, from environment variable BEDROCK_CONTROL_PLANE_ENDPOINT)")
            .doesNotContain("127.0.0.1");
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
        acceptor.interrupt();
      }
    }
  }

  private static BedrockClient controlPlaneClient(GatewayHarness harness) {
    return BedrockClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(harness.url() + "/bedrock"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("client", "not-used")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.putHeader("x-api-key", GatewayHarness.TOKEN).retryStrategy(RetryMode.STANDARD)
            .retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static SimulatorConfig simulator() {
    return SimulatorConfig.builder().host("127.0.0.1").port(0).build();
  }

  /** The harness's variables without its endpoint names, and the simulator given by {@code variable} instead. */
  private static Map<String, String> withSimulatorAt(String simulator, Map<String, String> extra, String variable) {
    Map<String, String> env = new HashMap<>(WITHOUT_OWN_NAMES);
    env.putAll(extra);
    env.put(variable, simulator);
    return env;
  }
}
