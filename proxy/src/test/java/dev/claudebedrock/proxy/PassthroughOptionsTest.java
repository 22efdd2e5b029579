package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the operator can switch on the pass-through: model overrides, catalog profiles, anonymous access. */
class PassthroughOptionsTest {
  private static final String PROFILE = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

  @Test
  void replacesAConfiguredModelIdInThePath() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/" + PROFILE;
    try (GatewayHarness harness = GatewayHarness
        .start("passthrough:\n  model_overrides:\n    us.anthropic.claude-opus-5-5: \""
            + arn + "\"\n", Map.of())) {
      HttpResponse<String> response = harness.post("/bedrock/model/us.anthropic.claude-opus-5-5/invoke",
          BedrockPassthroughTest.invokeBody("override me"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(harness.sim.requests().get(0).rawPath())
          .isEqualTo("/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile%2F" + PROFILE + "/invoke");
    }
  }

  @Test
  void answersInferenceProfilesFromTheModelTableWithoutCallingAws() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(
        "passthrough: {inference_profiles: catalog, account_id: \"111122223333\"}\n", Map.of())) {
      HttpResponse<String> list = harness.get("/bedrock/inference-profiles?type=SYSTEM_DEFINED", true);
      assertThat(list.statusCode()).isEqualTo(200);
      JsonNode summaries = Json.MAPPER.readTree(list.body()).get("inferenceProfileSummaries");
      assertThat(summaries.findValuesAsText("inferenceProfileId")).contains("us.anthropic.claude-opus-5-5", PROFILE);
      JsonNode haiku = Json.MAPPER.readTree(harness.get("/bedrock/inference-profiles/" + PROFILE, true).body());
      assertThat(haiku.get("inferenceProfileArn").asText())
          .isEqualTo("arn:aws:bedrock:us-east-1:111122223333:inference-profile/" + PROFILE);
      assertThat(haiku.get("models").get(0).get("modelArn").asText())
          .isEqualTo("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0");
      HttpResponse<String> missing = harness.get("/bedrock/inference-profiles/us.anthropic.nothing", true);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(
          v -> assertThat(v).startsWith("ResourceNotFoundException:"));
      assertThat(harness.sim.requests()).isEmpty();
    }
  }

  @Test
  void servesWithoutACredentialOnlyWhenTheOperatorSaysSo() {
    try (GatewayHarness harness = GatewayHarness.start("auth: {passthrough_allow_anonymous: true}\n", Map.of())) {
      HttpResponse<String> anonymous = harness.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(harness.url() + "/bedrock/model/" + PROFILE + "/invoke"))
          .header("content-type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(BedrockPassthroughTest.invokeBody("anyone")))
          .build());
      assertThat(anonymous.statusCode()).isEqualTo(200);
      HttpResponse<String> messages = harness.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(harness.url() + "/v1/messages")).header("content-type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(StreamingTest.body(false, "not me"))).build());
      assertThat(messages.statusCode()).as("the Messages API still needs a credential").isEqualTo(401);
    }
  }

  @Test
  void canBeSwitchedOff() {
    try (GatewayHarness harness = GatewayHarness.start("passthrough: {enabled: false}\n", Map.of())) {
      assertThat(
          harness.post("/bedrock/model/" + PROFILE + "/invoke", BedrockPassthroughTest.invokeBody("x")).statusCode())
          .isEqualTo(404);
    }
  }
}
