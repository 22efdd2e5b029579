package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;

/**
 * Function tools and the tool choice as Messages tools: {@code parameters} become {@code input_schema};
 * {@code auto}, {@code none}, {@code required} and a named function become {@code auto}, {@code none}, {@code any}
 * and {@code tool}; {@code parallel_tool_calls: false} becomes {@code disable_parallel_tool_use}. A function's
 * {@code strict} flag is not sent: Claude follows the schema without it, and Bedrock refuses the field.
 */
final class ChatTools {
  private ChatTools() {}

  /** The Messages {@code tools} for {@code tools}. */
  static ArrayNode tools(JsonNode tools) {
    if (!tools.isArray()) {
      throw Invalid.field("tools", "expected an array of tools");
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String where = "tools[" + i + "]";
      String type = tool.path("type").asText("");
      if (!type.equals("function")) {
        throw Invalid.field(where + ".type", "only function tools are supported, not \"" + type + "\"");
      }
      JsonNode function = tool.path("function");
      String name = function.path("name").asText("");
      if (name.isEmpty()) {
        throw Invalid.field(where + ".function.name", "Field required");
      }
      ObjectNode converted = out.addObject();
      converted.put("name", name);
      if (function.hasNonNull("description")) {
        converted.put("description", function.get("description").asText());
      }
      JsonNode parameters = function.get("parameters");
      if (parameters == null || parameters.isNull()) {
        ObjectNode empty = converted.putObject("input_schema");
        empty.put("type", "object");
        empty.putObject("properties");
      } else if (parameters.isObject()) {
        converted.set("input_schema", parameters);
      } else {
        throw Invalid.field(where + ".function.parameters", "expected a JSON Schema object");
      }
    }
    return out;
  }

  /**
   * The Messages {@code tool_choice} for {@code tool_choice} and {@code parallel_tool_calls} (either may be null), or
   * null when neither asks for anything.
   */
  static ObjectNode choice(JsonNode choice, JsonNode parallel) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (choice == null || choice.isNull()) {
      out.put("type", "auto");
    } else if (choice.isTextual()) {
      switch (choice.asText()) {
        case "auto" -> out.put("type", "auto");
        case "none" -> out.put("type", "none");
        case "required" -> out.put("type", "any");
        default -> throw Invalid.field("tool_choice", "\"" + choice.asText()
            + "\" is not one of auto, none, required, or a named function");
      }
    } else if (choice.isObject() && choice.path("type").asText("").equals("function")) {
      String name = choice.path("function").path("name").asText("");
      if (name.isEmpty()) {
        throw Invalid.field("tool_choice.function.name", "Field required");
      }
      out.put("type", "tool");
      out.put("name", name);
    } else {
      throw Invalid.field("tool_choice", "expected auto, none, required or {\"type\":\"function\",\"function\":"
          + "{\"name\":…}}");
    }
    boolean serial = parallel != null && !parallel.isNull();
    if (serial && !parallel.isBoolean()) {
      throw Invalid.field("parallel_tool_calls", "expected a boolean");
    }
    serial = serial && !parallel.asBoolean();
    if (serial && !out.get("type").asText().equals("none")) {
      out.put("disable_parallel_tool_use", true);
    }
    boolean asked = choice != null && !choice.isNull() || serial;
    return asked ? out : null;
  }
}
