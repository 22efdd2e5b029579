package dev.claudebedrock.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Messages body as the Chat Completions body an OpenAI client would send for the same conversation: the system
 * prompt and system turns as system messages, text blocks as text parts, tools as function tools, the same output
 * limit. What the OpenAI shape has no place for (cache breakpoints, thinking, betas' fields) is left out, so the
 * comparison with the Anthropic front door is of the same content, not of the same bytes.
 */
final class OpenAiBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiBodies() {}

  static ObjectNode chat(ObjectNode messages, String model, boolean stream) {
    ObjectNode chat = JSON.createObjectNode();
    chat.put("model", model);
    ArrayNode out = chat.putArray("messages");
    if (messages.has("system")) {
      out.addObject().put("role", "system").set("content", texts(messages.get("system")));
    }
    for (JsonNode message : messages.path("messages")) {
      out.addObject().put("role", message.path("role").asText()).set("content", texts(message.get("content")));
    }
    if (messages.has("tools")) {
      ArrayNode tools = chat.putArray("tools");
      for (JsonNode tool : messages.get("tools")) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.path("name").asText());
        function.put("description", tool.path("description").asText());
        function.set("parameters", tool.get("input_schema"));
      }
    }
    chat.put("max_completion_tokens", messages.path("max_tokens").asInt());
    if (stream) {
      chat.put("stream", true);
    }
    return chat;
  }

  private static JsonNode texts(JsonNode content) {
    if (content == null || content.isTextual()) {
      return content;
    }
    ArrayNode parts = JSON.createArrayNode();
    for (JsonNode block : content) {
      parts.addObject().put("type", "text").put("text", block.path("text").asText());
    }
    return parts;
  }
}
