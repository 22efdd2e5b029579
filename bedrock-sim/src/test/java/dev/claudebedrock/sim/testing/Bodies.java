package dev.claudebedrock.sim.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.validation.JsonBodies;

/** InvokeModel bodies for tests. */
public final class Bodies {
  private Bodies() {}

  /** A minimal valid body with one user message. */
  public static ObjectNode invoke(String userText) {
    return invoke(userText, 256);
  }

  /** A minimal valid body with one user message and a max_tokens. */
  public static ObjectNode invoke(String userText, int maxTokens) {
    ObjectNode body = JsonBodies.MAPPER.createObjectNode();
    body.put("anthropic_version", "bedrock-2023-05-31");
    body.put("max_tokens", maxTokens);
    body.putArray("messages").addObject().put("role", "user").put("content", userText);
    return body;
  }

  /** A body with a weather tool declared. */
  public static ObjectNode withWeatherTool(String userText) {
    ObjectNode body = invoke(userText);
    ObjectNode tool = body.putArray("tools").addObject();
    tool.put("name", "get_weather");
    tool.put("description", "Weather for a city");
    ObjectNode schema = tool.putObject("input_schema");
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("city").put("type", "string");
    properties.putObject("days").put("type", "integer");
    properties.putObject("unit").put("type", "string").putArray("enum").add("celsius").add("fahrenheit");
    properties.putObject("note").put("type", "string");
    schema.putArray("required").add("city").add("days").add("unit");
    return body;
  }
}
