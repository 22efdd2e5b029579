package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a validated InvokeModel body that decide the reply.
 *
 * @param maxTokens     the output token limit
 * @param userText      the last user text with directives removed and whitespace collapsed
 * @param directives    directives found in the last user text
 * @param tools         declared tools
 * @param toolChoice    {@code auto}, {@code any}, {@code tool}, {@code none}
 * @param forcedTool    the tool named by {@code tool_choice} type {@code tool}, else null
 * @param thinking      whether and how thinking is shown
 * @param stopSequences custom stop sequences
 * @param outputSchema  the JSON schema of {@code output_config.format} (structured output), or null
 */
record ReplyRequest(int maxTokens, String userText, Directives directives, List<Tool> tools, String toolChoice,
    String forcedTool, Thinking thinking, List<String> stopSequences, JsonNode outputSchema) {

  /** A declared tool. */
  record Tool(String name, JsonNode inputSchema) {}

  /** Whether the request asks for a thinking block, and whether its text is shown. */
  enum Thinking {
    OFF,
    SHOWN,
    OMITTED
  }

  static ReplyRequest from(ObjectNode body) {
    Directives.Parsed parsed = Directives.parse(lastUserText(body.path("messages")));
    List<Tool> tools = new ArrayList<>();
    for (JsonNode tool : body.path("tools")) {
      tools.add(new Tool(tool.path("name").asText(), tool.path("input_schema")));
    }
    JsonNode choice = body.path("tool_choice");
    List<String> stops = new ArrayList<>();
    for (JsonNode stop : body.path("stop_sequences")) {
      if (!stop.asText().isEmpty()) {
        stops.add(stop.asText());
      }
    }
    return new ReplyRequest(body.path("max_tokens").asInt(), collapse(parsed.text()), parsed.directives(), tools,
        choice.path("type").asText("auto"), choice.path("name").asText(null), thinking(body.path("thinking")), stops,
        outputSchema(body.path("output_config").path("format")));
  }

  private static JsonNode outputSchema(JsonNode format) {
    return "json_schema".equals(format.path("type").asText()) && format.path("schema").isObject()
        ? format.get("schema") : null;
  }

  private static Thinking thinking(JsonNode thinking) {
    String type = thinking.path("type").asText();
    if (!type.equals("enabled") && !type.equals("adaptive")) {
      return Thinking.OFF;
    }
    return "omitted".equals(thinking.path("display").asText()) ? Thinking.OMITTED : Thinking.SHOWN;
  }

  // The prompt is the last text block of the last user message (Claude Code puts reminders in earlier blocks).
  private static String lastUserText(JsonNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if (!"user".equals(message.path("role").asText())) {
        continue;
      }
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        return content.asText();
      }
      for (int j = content.size() - 1; j >= 0; j--) {
        JsonNode block = content.get(j);
        if ("text".equals(block.path("type").asText())) {
          return block.path("text").asText();
        }
      }
      return "";
    }
    return "";
  }

  private static String collapse(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
