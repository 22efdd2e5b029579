package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds a deterministic tool input that satisfies the required properties of a tool's JSON schema. */
final class ToolInputs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 8;

  private ToolInputs() {}

  /** An object holding every required property of the schema, recursively. */
  static ObjectNode forSchema(JsonNode schema) {
    JsonNode value = value(schema, "input", 0);
    return value instanceof ObjectNode object ? object : NODES.objectNode();
  }

  private static JsonNode value(JsonNode schema, String name, int depth) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      return schema.path("enum").get(0);
    }
    if (schema.has("default")) {
      return schema.get("default");
    }
    String type = type(schema);
    return switch (type) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, name, depth);
      case "integer" -> NODES.numberNode(schema.path("minimum").asLong(1));
      case "number" -> NODES.numberNode(schema.path("minimum").asDouble(1));
      case "boolean" -> NODES.booleanNode(true);
      case "null" -> NODES.nullNode();
      default -> NODES.textNode("sim-" + name);
    };
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
    }
    if (type.isTextual()) {
      return type.asText();
    }
    return schema.path("properties").isObject() ? "object" : "string";
  }

  private static ObjectNode object(JsonNode schema, int depth) {
    ObjectNode out = NODES.objectNode();
    if (depth >= MAX_DEPTH) {
      return out;
    }
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      String property = required.asText();
      out.set(property, value(properties.path(property), property, depth + 1));
    }
    return out;
  }

  private static ArrayNode array(JsonNode schema, String name, int depth) {
    ArrayNode out = NODES.arrayNode();
    if (schema.path("minItems").asInt(0) > 0 && depth < MAX_DEPTH) {
      out.add(value(schema.path("items"), name, depth + 1));
    }
    return out;
  }
}
