package dev.claudebedrock.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.bedrock.Operation;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BedrockPathTest {

  @Test
  void recognisesTheModelOperationsAndKeepsTheRawPath() {
    String raw = "/bedrock/model/arn:aws:bedrock:us-east-2:1234:inference-profile%2Fus.anthropic.claude-3-7-sonnet-20250219-v1:0/invoke";
    BedrockPath path = BedrockPath.parse(HttpMethod.POST, raw, null).orElseThrow();
    assertThat(path.operation()).isEqualTo(Operation.INVOKE);
    assertThat(path.modelId())
        .isEqualTo("arn:aws:bedrock:us-east-2:1234:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0");
    assertThat(path.rawPath()).isEqualTo(raw.substring("/bedrock".length()));
    assertThat(BedrockPath.parse(HttpMethod.POST, "/bedrock/model/x.y/invoke-with-response-stream", null).orElseThrow()
        .operation()).isEqualTo(Operation.INVOKE_STREAM);
    assertThat(BedrockPath.parse(HttpMethod.POST, "/bedrock/model/anthropic.x-v1%3A0/count-tokens", null).orElseThrow()
        .modelId()).isEqualTo("anthropic.x-v1:0");
  }

  @Test
  void recognisesTheInferenceProfileCallsWithTheirQuery() {
    BedrockPath list = BedrockPath.parse(HttpMethod.GET, "/bedrock/inference-profiles", "type=SYSTEM_DEFINED")
        .orElseThrow();
    assertThat(list.operation()).isEqualTo(Operation.LIST_INFERENCE_PROFILES);
    assertThat(list.rawPath()).isEqualTo("/inference-profiles?type=SYSTEM_DEFINED");
    BedrockPath get = BedrockPath.parse(HttpMethod.GET, "/bedrock/inference-profiles/us.anthropic.x", null)
        .orElseThrow();
    assertThat(get.operation()).isEqualTo(Operation.GET_INFERENCE_PROFILE);
    assertThat(get.modelId()).isEqualTo("us.anthropic.x");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/bedrock/model/../../evil/invoke",
      "/bedrock/model/x%2F..%2F..%2Fevil/invoke",
      "/bedrock//evil.example/model/x/invoke",
      "/bedrock/model/x/converse",
      "/bedrock/model/x/invoke/extra",
      "/bedrock/model/x%40evil/invoke",
      "/bedrock/model/%2Fetc%2Fpasswd/invoke",
      "/bedrock/guardrail/g/version/1/apply",
      "/bedrockmodel/x/invoke",
      "/bedrock/model//invoke"})
  void refusesEverythingElse(String raw) {
    assertThat(BedrockPath.parse(HttpMethod.POST, raw, null)).isEmpty();
  }

  @Test
  void refusesTheRightPathWithTheWrongMethodOrAStrangeQuery() {
    assertThat(BedrockPath.parse(HttpMethod.GET, "/bedrock/model/x.y/invoke", null)).isEmpty();
    assertThat(BedrockPath.parse(HttpMethod.POST, "/bedrock/inference-profiles", null)).isEmpty();
    assertThat(BedrockPath.parse(HttpMethod.GET, "/bedrock/inference-profiles", "a=b c")).isEmpty();
    assertThat(BedrockPath.parse(HttpMethod.GET, "/bedrock/inference-profiles", "x=@evil.example/")).isEmpty();
  }

  @Test
  void rebuildsThePathForAnOverriddenModel() {
    BedrockPath path = BedrockPath.parse(HttpMethod.POST, "/bedrock/model/us.anthropic.x/invoke", null).orElseThrow()
        .withModel("arn:aws:bedrock:us-east-1:1:application-inference-profile/abc");
    assertThat(path.rawPath())
        .isEqualTo("/model/arn:aws:bedrock:us-east-1:1:application-inference-profile%2Fabc/invoke");
  }
}
