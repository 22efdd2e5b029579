package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operator aliases for tools whose model pickers offer only OpenAI names. */
class OpenAiModelAliasesTest {
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("openai: {model_aliases: {gpt-4o: claude-sonnet-4-5, gpt-4o-mini: haiku}}",
        Map.of());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void anAliasedNameReachesTheModelItStandsForAndTheAnswerKeepsTheName() throws IOException {
    HttpResponse<String> response = harness.post("/openai/v1/chat/completions", """
        {"model":"gpt-4o","messages":[{"role":"user","content":"hello alias"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).get("model").asText()).isEqualTo("gpt-4o");
    assertThat(harness.sim.requests().getLast().rawPath())
        .isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke");
    assertThat(harness.get("/metrics", true).body())
        .contains("gateway_tokens_total{model=\"claude-sonnet-4-5\"");
  }

  @Test
  void aliasesAreListedFirstForModelPickersAndCanBeRetrieved() throws IOException {
    JsonNode list = Json.MAPPER.readTree(harness.get("/openai/v1/models", true).body());
    JsonNode one = Json.MAPPER.readTree(harness.get("/openai/v1/models/gpt-4o-mini", true).body());

    assertThat(list.at("/data/0/id").asText()).isEqualTo("gpt-4o");
    assertThat(list.at("/data/1/id").asText()).isEqualTo("gpt-4o-mini");
    assertThat(list.get("data").findValuesAsText("id")).contains("claude-sonnet-5-5");
    assertThat(one.get("id").asText()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void theAnthropicFrontDoorDoesNotKnowThem() {
    HttpResponse<String> response = harness.post("/v1/messages", """
        {"model":"gpt-4o","max_tokens":20,"messages":[{"role":"user","content":"x"}]}""");

    assertThat(response.statusCode()).isEqualTo(404);
  }
}
