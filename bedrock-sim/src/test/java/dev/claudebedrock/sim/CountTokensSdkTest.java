package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.SdkClients;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import dev.claudebedrock.sim.validation.JsonBodies;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** CountTokens through the AWS SDK. */
class CountTokensSdkTest {
  private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
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
  void countsWhatInvokeWouldBillAsInputTokens() throws IOException {
    ObjectNode body = Bodies.invoke("Count the tokens of this prompt, please.");
    body.putArray("system").addObject().put("type", "text").put("text", "You are terse.")
        .putObject("cache_control").put("type", "ephemeral");

    int counted = countTokens(HAIKU, body);
    JsonNode usage = JsonBodies.MAPPER.readTree(client.invokeModel(r -> r.modelId(HAIKU).contentType("application/json")
        .body(SdkBytes.fromUtf8String(body.toString()))).body().asByteArray()).path("usage");

    int billed = usage.path("input_tokens").asInt() + usage.path("cache_creation_input_tokens").asInt()
        + usage.path("cache_read_input_tokens").asInt();
    assertThat(counted).isEqualTo(billed).isEqualTo(4 + 3 + 10); // system (14 chars) + message + text (40 chars)
    assertThat(countTokens(HAIKU, body)).as("counting ignores the cache").isEqualTo(counted);
  }

  @ParameterizedTest
  @ValueSource(strings = {"us.anthropic.claude-haiku-4-5-20251001-v1:0",
      "global.anthropic.claude-haiku-4-5-20251001-v1:0",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0",
      "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
      "anthropic.claude-opus-5-5"})
  void refusesProfilesArnsAndUnsupportedModelsAsBedrockDoes(String modelId) {
    assertThatThrownBy(() -> countTokens(modelId, Bodies.invoke("hi")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("The provided model doesn't support counting tokens.");
  }

  @Test
  void validatesTheEmbeddedBodyLikeInvoke() {
    ObjectNode body = Bodies.invoke("hi");
    body.remove("anthropic_version");

    assertThatThrownBy(() -> countTokens(HAIKU, body))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("anthropic_version: Field required");
  }

  private static int countTokens(String modelId, ObjectNode body) {
    CountTokensResponse response = client.countTokens(r -> r.modelId(modelId).input(CountTokensInput.fromInvokeModel(
        InvokeModelTokensRequest.builder().body(SdkBytes.fromUtf8String(body.toString())).build())));
    return response.inputTokens();
  }
}
