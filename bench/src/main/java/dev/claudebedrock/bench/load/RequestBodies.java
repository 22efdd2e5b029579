package dev.claudebedrock.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The bodies sent to each dialect. A Bedrock body is what the gateway forwards for the same Anthropic body (a test
 * checks it against the gateway): no {@code model} or {@code stream}, {@code anthropic_version} added, only the betas
 * Bedrock accepts, and without the fields the dropped betas enable.
 */
public final class RequestBodies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BEDROCK_VERSION = "bedrock-2023-05-31";
  private static final int SMALL_MAX_TOKENS = 1024;
  private static final int CLAUDE_CODE_MAX_TOKENS = 32_000;

  /** Claude Code 2.1's betas, as it sends them in first-party mode. */
  static final List<String> CLAUDE_CODE_BETAS = List.of(
      "claude-code-20250219", "interleaved-thinking-2025-05-14", "context-management-2025-06-27",
      "per-turn-control-2026-07-01", "mid-conversation-tool-changes-2026-07-01", "thinking-token-count-2026-05-13",
      "advanced-tool-use-2025-11-20", "effort-2025-11-24");

  /** The part of them the gateway forwards to Bedrock (advanced-tool-use under its Bedrock name). */
  static final List<String> CLAUDE_CODE_BEDROCK_BETAS = List.of(
      "interleaved-thinking-2025-05-14", "thinking-token-count-2026-05-13", "tool-search-tool-2025-10-19",
      "effort-2025-11-24");

  private static final List<String> CLAUDE_CODE_TOOLS = List.of(
      "Agent", "Bash", "Edit", "ListAgents", "Read", "ReportFindings", "ScheduleWakeup", "Skill", "ToolSearch",
      "Workflow", "DeferredToolPlaceholder", "Write");

  private RequestBodies() {}

  /** The request for a workload in a dialect, naming the model the dialect expects. */
  public static Payload payload(Api api, String model, Workload workload) {
    ObjectNode body = workload.body().claudeCode() ? claudeCode(workload.replyTokens()) : small(workload.replyTokens());
    if (workload.body().targetBytes() > 0) {
      withEarlierTurns(body, workload.body().targetBytes());
    }
    Map<String, String> headers = Map.of("content-type", "application/json");
    if (api == Api.OPENAI) {
      body = OpenAiBodies.chat(body, model, workload.stream());
    }
    switch (api) {
      case OPENAI -> {}
      case ANTHROPIC, MANTLE -> {
        body.put("model", model);
        if (workload.stream()) {
          body.put("stream", true);
        }
        if (workload.body().claudeCode()) {
          headers = Map.of("content-type", "application/json", "anthropic-beta", String.join(",", CLAUDE_CODE_BETAS));
        }
      }
      case BEDROCK -> {
        body.put("anthropic_version", BEDROCK_VERSION);
        if (workload.body().claudeCode()) {
          body.remove("context_management");
          body.withArray("messages").forEach(message -> ((ObjectNode) message).remove("output_config"));
          CLAUDE_CODE_BEDROCK_BETAS.forEach(body.putArray("anthropic_beta")::add);
        }
      }
    }
    try {
      return new Payload(JSON.writeValueAsBytes(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a request body", e);
    }
  }

  private static ObjectNode small(int replyTokens) {
    ObjectNode body = JSON.createObjectNode();
    body.put("max_tokens", SMALL_MAX_TOKENS);
    ObjectNode message = body.putArray("messages").addObject();
    message.put("role", "user");
    message.put("content", "Hello from the benchmark [[sim:tokens=" + replyTokens + "]]");
    return body;
  }

  /** Shaped like the request Claude Code 2.1 sends for {@code claude -p "say hi"}: about 50 KB. */
  private static ObjectNode claudeCode(int replyTokens) {
    FillerText filler = new FillerText(20_261_126);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode messages = body.putArray("messages");
    ObjectNode user = messages.addObject();
    user.put("role", "user");
    ArrayNode content = user.putArray("content");
    text(content, "<system-reminder>\n" + filler.text(580) + "\n</system-reminder>");
    text(content, "say hi [[sim:tokens=" + replyTokens + "]]");
    ObjectNode system = messages.addObject();
    system.put("role", "system");
    cached(text(system.putArray("content"), "# Environment\n" + filler.text(9_000)));
    system.putObject("output_config").put("effort", "medium");

    ArrayNode prompt = body.putArray("system");
    text(prompt, "x-anthropic-billing-header: cc_version=2.1.332.0b8; cc_entrypoint=sdk-cli;");
    cached(text(prompt, "You are a Claude agent, built on Anthropic's Claude Agent SDK."));
    cached(text(prompt, "\n" + filler.text(6_800)));

    ArrayNode tools = body.putArray("tools");
    for (String name : CLAUDE_CODE_TOOLS) {
      ObjectNode tool = tools.addObject();
      tool.put("name", name);
      tool.put("description", filler.text(1_700));
      ObjectNode schema = tool.putObject("input_schema");
      schema.put("type", "object");
      ObjectNode properties = schema.putObject("properties");
      for (int i = 1; i <= 5; i++) {
        ObjectNode property = properties.putObject("argument_" + i);
        property.put("type", "string");
        property.put("description", filler.text(120));
      }
      schema.putArray("required").add("argument_1");
      if (name.equals("DeferredToolPlaceholder")) {
        tool.put("defer_loading", true);
      }
    }
    body.putObject("metadata").put("user_id", "{\"device_id\":\"" + "0123456789abcdef".repeat(4)
        + "\",\"account_uuid\":\"\",\"session_id\":\"dae828e9-b4c9-474d-b627-d798950434bd\"}");
    body.put("max_tokens", CLAUDE_CODE_MAX_TOKENS);
    body.putObject("thinking").put("type", "adaptive").put("display", "omitted");
    body.putObject("context_management").putArray("edits").addObject()
        .put("type", "clear_thinking_20251015").put("keep", "all");
    body.putObject("output_config").put("effort", "medium");
    return body;
  }

  /**
   * Puts earlier turns of the conversation (a user's text and the assistant's answer, 8,000 characters each) before
   * the body's messages until the body is about {@code targetBytes}, as a session's requests grow.
   */
  private static void withEarlierTurns(ObjectNode body, int targetBytes) {
    FillerText filler = new FillerText(targetBytes);
    ArrayNode messages = body.withArray("messages");
    int size = size(body);
    int index = 0;
    while (size < targetBytes) {
      int length = Math.clamp((targetBytes - size) / 2 - 60, 1, 8_000);
      for (String role : List.of("user", "assistant")) {
        ObjectNode turn = messages.insertObject(index++);
        turn.put("role", role);
        text(turn.putArray("content"), filler.text(length));
      }
      size = size(body);
    }
  }

  private static int size(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a request body", e);
    }
  }

  private static ObjectNode text(ArrayNode blocks, String text) {
    return blocks.addObject().put("type", "text").put("text", text);
  }

  private static void cached(ObjectNode block) {
    block.putObject("cache_control").put("type", "ephemeral");
  }
}
