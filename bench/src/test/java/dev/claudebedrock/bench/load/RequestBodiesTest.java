package dev.claudebedrock.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void claudeCodeBodyIsAboutFiftyKilobytes() {
    Payload payload = RequestBodies.payload(Api.ANTHROPIC, "claude-sonnet-5-5",
        new Workload(BodyKind.CLAUDE_CODE, true, 20));
    assertThat(payload.body().length).isBetween(45_000, 55_000);
    assertThat(payload.headers()).containsEntry("anthropic-beta", String.join(",", RequestBodies.CLAUDE_CODE_BETAS));
  }

  @Test
  void sizedBodiesReachTheirSizeWithEarlierTurnsBeforeTheRequestsOwnMessages() throws IOException {
    for (BodyKind body : java.util.List.of(BodyKind.SIZE_5_KB, BodyKind.SIZE_500_KB, BodyKind.SIZE_2_MB)) {
      byte[] bytes = RequestBodies.payload(Api.ANTHROPIC, "m", new Workload(body, false, 20)).body();
      assertThat(bytes.length).as(body.label()).isBetween(body.targetBytes(), body.targetBytes() + 10_000);
      JsonNode messages = JSON.readTree(bytes).get("messages");
      assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
      assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
    }
    assertThat(RequestBodies.payload(Api.ANTHROPIC, "m", new Workload(BodyKind.SIZE_2_MB, false, 20)).headers())
        .containsEntry("anthropic-beta", String.join(",", RequestBodies.CLAUDE_CODE_BETAS));
  }

  @Test
  void anthropicBodyNamesModelAndStreamBedrockBodyTheVersion() throws IOException {
    Workload streamed = new Workload(BodyKind.SMALL, true, 50);
    JsonNode anthropic = JSON.readTree(RequestBodies.payload(Api.ANTHROPIC, "claude-sonnet-5-5", streamed).body());
    JsonNode bedrock = JSON.readTree(RequestBodies.payload(Api.BEDROCK, "us.anthropic.claude-sonnet-5-5", streamed)
        .body());
    assertThat(anthropic.path("model").asText()).isEqualTo("claude-sonnet-5-5");
    assertThat(anthropic.path("stream").asBoolean()).isTrue();
    assertThat(bedrock.has("model")).isFalse();
    assertThat(bedrock.has("stream")).isFalse();
    assertThat(bedrock.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
    assertThat(bedrock.at("/messages/0/content").asText()).endsWith("[[sim:tokens=50]]");
  }

  @Test
  void openAiBodiesCarryTheSameConversationAsChatCompletions() throws IOException {
    JsonNode small = JSON.readTree(RequestBodies.payload(Api.OPENAI, "claude-sonnet-5-5",
        new Workload(BodyKind.SMALL, true, 50)).body());
    JsonNode claudeCode = JSON.readTree(RequestBodies.payload(Api.OPENAI, "claude-sonnet-5-5",
        new Workload(BodyKind.CLAUDE_CODE, false, 20)).body());
    assertThat(small.path("model").asText()).isEqualTo("claude-sonnet-5-5");
    assertThat(small.path("stream").asBoolean()).isTrue();
    assertThat(small.path("max_completion_tokens").asInt()).isEqualTo(1024);
    assertThat(small.at("/messages/0/content").asText()).endsWith("[[sim:tokens=50]]");
    assertThat(claudeCode.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(claudeCode.at("/messages/1/content/1/text").asText()).endsWith("[[sim:tokens=20]]");
    assertThat(claudeCode.path("tools")).hasSize(12);
    assertThat(claudeCode.at("/tools/0/type").asText()).isEqualTo("function");
    assertThat(claudeCode.has("stream")).isFalse();
  }

  @Test
  void bodiesAreTheSameOnEveryCall() {
    Workload workload = new Workload(BodyKind.CLAUDE_CODE, false, 20);
    assertThat(RequestBodies.payload(Api.BEDROCK, "m", workload).body())
        .isEqualTo(RequestBodies.payload(Api.BEDROCK, "m", workload).body());
  }
}
