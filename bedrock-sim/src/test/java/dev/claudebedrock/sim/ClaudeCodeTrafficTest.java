package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.testing.Frames;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Claude Code's Bedrock mode sends at start-up, replayed: the profile listing, three max_tokens 1 probes and a
 * streaming turn with role-system messages, cache breakpoints and omitted adaptive thinking.
 */
class ClaudeCodeTrafficTest {
  private static final String TURN = """
      {"messages":[
         {"role":"user","content":[{"type":"text","text":"<system-reminder>attribution</system-reminder>"},
                                   {"type":"text","text":"say hi"}]},
         {"role":"system","content":[{"type":"text","text":"# Environment\\nPlatform: linux","cache_control":{"type":"ephemeral"}}]}],
       "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.332.0b8; cc_entrypoint=sdk-cli;"},
                 {"type":"text","text":"You are a Claude agent, built on Anthropic's Claude Agent SDK.","cache_control":{"type":"ephemeral"}}],
       "tools":[{"name":"Bash","description":"Executes a bash command","input_schema":{"type":"object",
                 "properties":{"command":{"type":"string"}},"required":["command"]}}],
       "metadata":{"user_id":"{\\"session_id\\":\\"a9389028\\"}"},
       "max_tokens":128000,"thinking":{"type":"adaptive","display":"omitted"},
       "anthropic_beta":["interleaved-thinking-2025-05-14","tool-search-tool-2025-10-19","thinking-token-count-2026-05-13"],
       "output_config":{"effort":"medium"},"anthropic_version":"bedrock-2023-05-31"}""";
  private static final String PROBE = """
      {"max_tokens":1,"messages":[{"role":"user","content":"."}],
       "system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude."}],
       "metadata":{"user_id":"u"},"anthropic_version":"bedrock-2023-05-31"}""";

  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
  }

  @Test
  void findsItsDefaultModelsInTheProfileListing() {
    HttpResponse<byte[]> response = RawHttp
        .send(RawHttp.request(sim, "/inference-profiles?type=SYSTEM_DEFINED").GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RawHttp.json(response).path("inferenceProfileSummaries").findValuesAsText("inferenceProfileId"))
        .contains("us.anthropic.claude-opus-5-5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "us.anthropic.claude-haiku-4-5-20251001-v1:0");
  }

  @Test
  void answersTheThreeStartUpProbes() {
    for (String model : List.of("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-opus-5-5",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0")) {
      HttpResponse<byte[]> response = RawHttp.send(RawHttp.request(sim, "/model/" + model + "/invoke")
          .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
          .header("x-stainless-timeout", "8").POST(HttpRequest.BodyPublishers.ofString(PROBE)).build());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode message = RawHttp.json(response);
      assertThat(message.path("content").get(0).path("text").asText()).isEqualTo(".");
      assertThat(message.path("usage").path("output_tokens").asInt()).isEqualTo(1);
    }
  }

  @Test
  void streamsATurnAndCachesItsPrefixForTheNext() {
    List<JsonNode> first = streamTurn();
    List<JsonNode> second = streamTurn();

    assertThat(first.get(1).path("content_block").path("type").asText()).isEqualTo("thinking");
    assertThat(first.get(2).path("delta").path("type").asText()).as("omitted thinking shows only its signature")
        .isEqualTo("signature_delta");
    assertThat(first.stream().filter(e -> e.path("delta").path("type").asText().equals("text_delta"))
        .map(e -> e.path("delta").path("text").asText())).containsExactly("say", " hi");
    JsonNode firstUsage = first.getFirst().path("message").path("usage");
    JsonNode secondUsage = second.getFirst().path("message").path("usage");
    assertThat(firstUsage.path("cache_creation_input_tokens").asInt()).isPositive();
    assertThat(firstUsage.path("cache_read_input_tokens").asInt()).isZero();
    assertThat(secondUsage.path("cache_read_input_tokens").asInt())
        .isEqualTo(firstUsage.path("cache_creation_input_tokens").asInt());
    assertThat(secondUsage.path("input_tokens").asInt()).isEqualTo(firstUsage.path("input_tokens").asInt());
    assertThat(second.getLast().path("amazon-bedrock-invocationMetrics").path("cacheReadInputTokenCount").asInt())
        .isEqualTo(secondUsage.path("cache_read_input_tokens").asInt());
  }

  private static List<JsonNode> streamTurn() {
    HttpResponse<byte[]> response = RawHttp.send(RawHttp
        .request(sim, "/model/us.anthropic.claude-opus-5-5/invoke-with-response-stream")
        .header("Content-Type", "application/json").header("anthropic-beta", "claude-code-20250219,effort-2025-11-24")
        .POST(HttpRequest.BodyPublishers.ofString(TURN)).build());
    assertThat(response.statusCode()).isEqualTo(200);
    return Frames.events(Frames.decode(response.body()));
  }
}
