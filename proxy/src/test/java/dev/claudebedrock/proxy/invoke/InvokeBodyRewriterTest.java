package dev.claudebedrock.proxy.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.BedrockPolicyConfig;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.JsonBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvokeBodyRewriterTest {
  static final String CLAUDE_CODE_BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,"
      + "context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,"
      + "thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24";

  private final InvokeBodyRewriter rewriter = new InvokeBodyRewriter(BedrockPolicyConfig.defaults());

  @Test
  void turnsClaudeCodesFirstPartyRequestIntoWhatItsOwnBedrockModeSends() throws IOException {
    ObjectNode body = claudeCodeRequest();
    JsonNode systemMessage = body.get("messages").get(1).deepCopy();

    InvokeBodyRewriter.Rewrite rewrite = rewriter.rewrite(body, List.of(CLAUDE_CODE_BETAS));
    JsonNode out = Json.MAPPER.readTree(rewrite.bytes());

    assertThat(out.has("model")).isFalse();
    assertThat(out.has("stream")).isFalse();
    assertThat(out.get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
    assertThat(strings(out.get("anthropic_beta"))).containsExactly(
        "interleaved-thinking-2025-05-14", "thinking-token-count-2026-05-13", "tool-search-tool-2025-10-19",
        "effort-2025-11-24");
    assertThat(rewrite.betas().dropped()).containsExactly("claude-code-20250219", "context-management-2025-06-27",
        "per-turn-control-2026-07-01", "mid-conversation-tool-changes-2026-07-01");
    assertThat(out.has("context_management")).as("field of a dropped beta").isFalse();
    JsonNode roleSystem = out.get("messages").get(1);
    assertThat(roleSystem.get("role").asText()).isEqualTo("system");
    assertThat(roleSystem.has("output_config")).as("per-turn control is a dropped beta").isFalse();
    assertThat(roleSystem.get("content")).isEqualTo(systemMessage.get("content"));
    assertThat(out.get("thinking")).isEqualTo(Json.MAPPER.readTree("{\"type\":\"adaptive\",\"display\":\"omitted\"}"));
    assertThat(out.get("output_config").get("effort").asText()).isEqualTo("medium");
    assertThat(out.get("metadata").get("user_id").asText()).contains("session_id");
    assertThat(out.get("system")).hasSize(3);
    JsonNode deferred = findTool(out, "DeferredToolPlaceholder");
    assertThat(deferred.get("defer_loading").asBoolean()).as("tool search is forwarded under its Bedrock name")
        .isTrue();
    assertThat(rewrite.droppedFields()).containsExactlyInAnyOrder("messages[].output_config", "context_management");
  }

  @Test
  void leavesFieldsItKnowsNothingAboutInPlace() throws IOException {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree("""
        {"model":"claude-sonnet-4-5","max_tokens":10,"stream":false,
         "messages":[{"role":"user","content":"hi"}],"brand_new_feature":{"x":[1,2]},"top_k":5}""");
    JsonNode out = Json.MAPPER.readTree(rewriter.rewrite(body, List.of()).bytes());
    assertThat(out.get("brand_new_feature")).isEqualTo(Json.MAPPER.readTree("{\"x\":[1,2]}"));
    assertThat(out.get("top_k").asInt()).isEqualTo(5);
    assertThat(out.has("anthropic_beta")).as("no betas, no empty array").isFalse();
  }

  @Test
  void keepsCompactionEditsWhenTheCompactionBetaIsForwarded() throws IOException {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree("""
        {"model":"m","max_tokens":10,"messages":[],"context_management":{"edits":[
          {"type":"clear_thinking_20251015","keep":"all"},{"type":"compact_20260112"}]}}""");
    JsonNode out = Json.MAPPER.readTree(
        rewriter.rewrite(body, List.of("compact-2026-01-12, context-management-2025-06-27")).bytes());
    assertThat(out.get("context_management").get("edits")).hasSize(1);
    assertThat(out.get("context_management").get("edits").get(0).get("type").asText()).isEqualTo("compact_20260112");
    assertThat(strings(out.get("anthropic_beta"))).containsExactly("compact-2026-01-12");
  }

  @Test
  void mergesBetasFromRepeatedHeadersAndTheBodyWithoutDuplicates() throws IOException {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
        """
            {"model":"m","max_tokens":1,"messages":[],"anthropic_beta":["context-1m-2025-08-07","files-api-2025-04-14"]}""");
    JsonNode out = Json.MAPPER.readTree(rewriter.rewrite(body,
        List.of("interleaved-thinking-2025-05-14 , context-1m-2025-08-07", "output-128k-2025-02-19")).bytes());
    assertThat(strings(out.get("anthropic_beta"))).containsExactly(
        "interleaved-thinking-2025-05-14", "context-1m-2025-08-07", "output-128k-2025-02-19");
  }

  @Test
  void dropsFirstPartyOnlyFieldsAndTheCacheScopeOfAnUnforwardedBeta() throws IOException {
    ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
        """
            {"model":"m","max_tokens":1,"service_tier":"auto","container":"c","inference_geo":"us","cache_control":{"type":"ephemeral"},
             "system":[{"type":"text","text":"s","cache_control":{"type":"ephemeral","ttl":"1h","scope":"global"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"t","cache_control":{"type":"ephemeral","scope":"org"}}]}],
             "safeguards":[{"type":"dangerous_tool_use"}],"mcp_servers":[]}""");
    JsonNode out = Json.MAPPER.readTree(rewriter.rewrite(body, List.of("prompt-caching-scope-2026-01-05")).bytes());
    assertThat(out.has("service_tier") || out.has("container") || out.has("inference_geo") || out.has("cache_control"))
        .isFalse();
    assertThat(out.has("safeguards")).isFalse();
    assertThat(out.has("mcp_servers")).isFalse();
    assertThat(out.get("system").get(0).get("cache_control"))
        .isEqualTo(Json.MAPPER.readTree("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
    assertThat(out.get("messages").get(0).get("content").get(0).get("cache_control").has("scope")).isFalse();
  }

  @Test
  void copiesEveryByteThePolicyDoesNotTouchAsTheClientSentIt() {
    String body = "{ \"model\" : \"claude-sonnet-4-5\",\n  \"max_tokens\": 1e2, \"temperature\": 1.0,\n"
        + "  \"messages\": [ {\"role\":\"user\", \"content\":\"caf\\u00e9 \u2603 \\\"q\\\"\"} ],\n"
        + "  \"zz_unknown\" : {\"b\":2, \"a\":[1.50, -0.0]},\t\"stream\": true }";

    String out = rewrite(body, List.of());

    assertThat(out).isEqualTo("{ \"max_tokens\": 1e2, \"temperature\": 1.0,\n"
        + "  \"messages\": [ {\"role\":\"user\", \"content\":\"caf\\u00e9 \u2603 \\\"q\\\"\"} ],\n"
        + "  \"zz_unknown\" : {\"b\":2, \"a\":[1.50, -0.0]} ,\"anthropic_version\":\"bedrock-2023-05-31\"}");
  }

  @Test
  void splicesNestedRemovalsAndReplacesValuesWhereTheyStand() {
    String body = "{\"anthropic_version\": \"2023-06-01\", \"model\":\"m\", \"max_tokens\":1,"
        + " \"anthropic_beta\" : [\"context-1m-2025-08-07\", \"files-api-2025-04-14\"],"
        + " \"messages\":[{\"role\":\"user\",\"output_config\":{\"x\":1}, \"content\":[{\"type\":\"text\","
        + "\"text\":\"t\", \"cache_control\":{\"scope\":\"org\" , \"type\":\"ephemeral\"}}]}],"
        + " \"tools\":[{\"name\":\"a\",\"defer_loading\":true},{\"defer_loading\":false,\"name\":\"b\"}]}";

    String out = rewrite(body, List.of());

    assertThat(out).isEqualTo("{\"anthropic_version\": \"bedrock-2023-05-31\", \"max_tokens\":1,"
        + " \"anthropic_beta\" : [\"context-1m-2025-08-07\"],"
        + " \"messages\":[{\"role\":\"user\", \"content\":[{\"type\":\"text\","
        + "\"text\":\"t\", \"cache_control\":{\"type\":\"ephemeral\"}}]}],"
        + " \"tools\":[{\"name\":\"a\"},{\"name\":\"b\"}]}");
  }

  @Test
  void leavesAValidObjectWhenEveryMemberGoes() throws IOException {
    assertThat(rewrite("{\"model\":\"m\",\"stream\":true}", List.of()))
        .isEqualTo("{\"anthropic_version\":\"bedrock-2023-05-31\"}");
    assertThat(rewrite("{ }", List.of("context-1m-2025-08-07"))).isEqualTo(
        "{ \"anthropic_version\":\"bedrock-2023-05-31\",\"anthropic_beta\":[\"context-1m-2025-08-07\"]}");
    String nested = rewrite("{\"tools\":[{\"defer_loading\":true},{\"eager_input_streaming\":1,\"defer_loading\":2}]}",
        List.of());
    assertThat(nested).isEqualTo("{\"tools\":[{},{}],\"anthropic_version\":\"bedrock-2023-05-31\"}");
  }

  @Test
  void writesTheSameJsonFromTheClientsBytesAsFromItsParsedTree() throws IOException {
    ObjectNode tree = claudeCodeRequest();
    byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);

    InvokeBodyRewriter.Rewrite fromBytes = rewriter.rewrite(new JsonBytes(padded(bytes), 7, bytes.length),
        List.of(CLAUDE_CODE_BETAS));
    InvokeBodyRewriter.Rewrite fromTree = rewriter.rewrite(tree, List.of(CLAUDE_CODE_BETAS));

    assertThat(Json.MAPPER.readTree(fromBytes.bytes())).isEqualTo(Json.MAPPER.readTree(fromTree.bytes()));
    assertThat(fromBytes.droppedFields()).isEqualTo(fromTree.droppedFields());
    assertThat(fromBytes.betas()).isEqualTo(fromTree.betas());
  }

  private String rewrite(String body, List<String> betaHeaders) {
    return new String(rewriter.rewrite(JsonBytes.of(body.getBytes(StandardCharsets.UTF_8)), betaHeaders).bytes(),
        StandardCharsets.UTF_8);
  }

  /** The bytes inside a larger array, as a received buffer may hold them. */
  private static byte[] padded(byte[] bytes) {
    byte[] out = new byte[bytes.length + 11];
    java.util.Arrays.fill(out, (byte) '!');
    System.arraycopy(bytes, 0, out, 7, bytes.length);
    return out;
  }

  static ObjectNode claudeCodeRequest() throws IOException {
    try (InputStream in = InvokeBodyRewriterTest.class
        .getResourceAsStream("/fixtures/claude-code-messages-request.json")) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    }
  }

  private static List<String> strings(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static JsonNode findTool(JsonNode body, String name) {
    for (JsonNode tool : body.get("tools")) {
      if (tool.get("name").asText().equals(name)) {
        return tool;
      }
    }
    throw new AssertionError("no tool " + name);
  }
}
