package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.SdkClients;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import dev.claudebedrock.sim.validation.JsonBodies;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/** InvokeModel as the AWS SDK's synchronous client sees it. */
class InvokeModelSdkTest {
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;
  private static BedrockRuntimeClient client;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
    client = SdkClients.runtime(sim);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void answersWithTheAnthropicMessageEchoingTheLastUserText() throws IOException {
    InvokeModelResponse response = client.invokeModel(r -> r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
        .contentType("application/json").accept("application/json")
        .body(SdkBytes.fromUtf8String(Bodies.invoke("Hello from the SDK").toString())));

    JsonNode message = JsonBodies.MAPPER.readTree(response.body().asByteArray());
    assertThat(message.path("id").asText()).startsWith("msg_bdrk_");
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("role").asText()).isEqualTo("assistant");
    assertThat(message.path("model").asText()).isEqualTo("claude-haiku-4-5-20251001");
    assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Hello from the SDK");
    assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.path("usage").path("output_tokens").asInt()).isEqualTo(4);
    assertThat(response.contentType()).isEqualTo("application/json");
  }

  @Test
  void carriesTheBedrockTokenCountHeaders() {
    InvokeModelResponse response = client.invokeModel(r -> r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
        .contentType("application/json").body(SdkBytes.fromUtf8String(Bodies.invoke("one two three").toString())));

    var headers = response.sdkHttpResponse().headers();
    assertThat(headers.get("x-amzn-RequestId")).singleElement().asString().hasSize(36);
    assertThat(headers.get("X-Amzn-Bedrock-Output-Token-Count")).containsExactly("3");
    assertThat(headers.get("X-Amzn-Bedrock-Input-Token-Count")).containsExactly("7"); // 3 (message) + 4 (13 chars)
    assertThat(headers.get("X-Amzn-Bedrock-Cache-Read-Input-Token-Count")).containsExactly("0");
    assertThat(headers.get("X-Amzn-Bedrock-Cache-Write-Input-Token-Count")).containsExactly("0");
    assertThat(headers.get("X-Amzn-Bedrock-Invocation-Latency")).singleElement().asString().containsOnlyDigits();
  }

  @Test
  void acceptsAnInferenceProfileArnWhoseSlashTheSdkSendsAsPercent2F() throws IOException {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    InvokeModelResponse response = client.invokeModel(r -> r.modelId(arn).contentType("application/json")
        .body(SdkBytes.fromUtf8String(Bodies.invoke("via an ARN").toString())));

    assertThat(JsonBodies.MAPPER.readTree(response.body().asByteArray()).path("model").asText())
        .isEqualTo("claude-sonnet-4-5-20250929");
    RecordedRequest recorded = sim.requests().getLast();
    assertThat(recorded.rawPath()).contains("inference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1");
    assertThat(recorded.modelId()).isEqualTo(arn);
    assertThat(recorded.operation()).isEqualTo(Operation.INVOKE_MODEL);
  }

  @Test
  void refusesOnDemandUseOfAProfileOnlyModelButServesItsProfile() {
    assertThatThrownBy(
        () -> client.invokeModel(r -> r.modelId("anthropic.claude-opus-5-5").contentType("application/json")
            .body(SdkBytes.fromUtf8String(Bodies.invoke("hi").toString()))))
        .isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ValidationException.class)
        .hasMessageContaining(
            "Invocation of model ID anthropic.claude-opus-5-5 with on-demand throughput isn't supported");

    InvokeModelResponse viaProfile = client.invokeModel(r -> r.modelId("global.anthropic.claude-opus-5-5")
        .contentType("application/json").body(SdkBytes.fromUtf8String(Bodies.invoke("hi").toString())));
    assertThat(viaProfile.body().asUtf8String()).contains("\"model\":\"claude-opus-5-5\"");
  }

  @Test
  void answersAnUnknownModelWithResourceNotFound() {
    assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("anthropic.claude-nonexistent-v1:0")
        .contentType("application/json").body(SdkBytes.fromUtf8String(Bodies.invoke("hi").toString()))))
        .isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((BedrockRuntimeException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void refusesAWrongSecretWith403() {
    try (BedrockRuntimeClient wrong = SdkClients.runtime(sim,
        SdkClients.credentials(SimulatorConfig.DEFAULT_ACCESS_KEY_ID, "not-the-secret"))) {
      assertThatThrownBy(() -> wrong.invokeModel(r -> r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
          .contentType("application/json").body(SdkBytes.fromUtf8String(Bodies.invoke("hi").toString()))))
          .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(e.getMessage()).contains("The request signature we calculated does not match");
          });
    }
  }

  @Test
  void refusesAnUnknownAccessKeyAsUnrecognizedClient() {
    try (BedrockRuntimeClient stranger = SdkClients.runtime(sim, SdkClients.credentials("AKIDSOMEBODYELSE", "x"))) {
      assertThatThrownBy(() -> stranger.invokeModel(r -> r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
          .contentType("application/json").body(SdkBytes.fromUtf8String(Bodies.invoke("hi").toString()))))
          .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("The security token included in the request is invalid.");
          });
    }
  }

  @Test
  void acceptsTheBedrockApiKeyAsABearerToken() {
    try (BedrockRuntimeClient bearer = bearerClient(SimulatorConfig.DEFAULT_API_KEY)) {
      InvokeModelResponse response = bearer.invokeModel(r -> r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
          .contentType("application/json").body(SdkBytes.fromUtf8String(Bodies.invoke("bearer").toString())));
      assertThat(response.body().asUtf8String()).contains("\"text\":\"bearer\"");
    }
    assertThat(sim.requests().getLast().header("authorization")).isEqualTo("Bearer <redacted>");
  }

  @Test
  void refusesAWrongBedrockApiKey() {
    try (BedrockRuntimeClient bearer = bearerClient("not-the-key")) {
      assertThatThrownBy(() -> bearer.invokeModel(r -> r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
          .contentType("application/json").body(SdkBytes.fromUtf8String(Bodies.invoke("hi").toString()))))
          .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  private static BedrockRuntimeClient bearerClient(String key) {
    return BedrockRuntimeClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(sim.baseUrl()))
        .tokenProvider(() -> new StaticToken(key))
        .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of("httpBearerAuth")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private record StaticToken(String token) implements SdkToken {
    @Override
    public Optional<Instant> expirationTime() {
      return Optional.empty();
    }
  }
}
