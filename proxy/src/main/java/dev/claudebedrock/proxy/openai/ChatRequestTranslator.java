package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import java.util.List;
import java.util.Map;

/**
 * A Chat Completions body as a Messages body, field by field. Every field OpenAI defines is either translated,
 * accepted at the value that asks for nothing ({@code n: 1}, {@code logprobs: false}, ...), or refused with a 400
 * naming it; a field OpenAI does not define is refused as OpenAI refuses it. Nothing is dropped silently.
 */
public final class ChatRequestTranslator {
  /** Thinking budgets for {@code reasoning_effort}; Messages' smallest budget is 1,024 tokens. */
  static final Map<String, Integer> THINKING_BUDGETS = Map.of("minimal", 1024, "low", 2048, "medium", 4096, "high",
      8192, "xhigh", 16384);
  private static final int MIN_THINKING_BUDGET = 1024;

  private final int defaultMaxTokens;
  private final boolean fetchImageUrls;

  /** @param defaultMaxTokens {@code max_tokens} when the client sets no limit (Messages requires one) */
  public ChatRequestTranslator(int defaultMaxTokens) {
    this(defaultMaxTokens, false);
  }

  /**
   * @param defaultMaxTokens {@code max_tokens} when the client sets no limit (Messages requires one)
   * @param fetchImageUrls whether http(s) image URLs are left for the gateway to fetch (else refused)
   */
  public ChatRequestTranslator(int defaultMaxTokens, boolean fetchImageUrls) {
    this.defaultMaxTokens = defaultMaxTokens;
    this.fetchImageUrls = fetchImageUrls;
  }

  /** The request a Chat Completions body asks for; throws an {@code ApiException} naming the first bad field. */
  public ChatRequest translate(ObjectNode chat) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    JsonNode model = chat.get("model");
    if (model == null || model.isNull()) {
      throw Invalid.field("model", "Field required");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw Invalid.field("model", "expected a non-empty string");
    }
    body.put("model", model.asText());
    boolean stream = bool(chat, "stream");
    boolean includeUsage = false;
    Integer maxTokens = null;
    String effort = null;
    boolean structured = false;
    for (Map.Entry<String, JsonNode> field : chat.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "model", "stream", "messages", "tools", "tool_choice", "parallel_tool_calls" -> {}
        case "stream_options" -> {
          if (!value.isNull()) {
            if (!stream) {
              throw Invalid.field(name, "stream_options is only allowed when stream is true");
            }
            if (!value.isObject()) {
              throw Invalid.field(name, "expected an object");
            }
            JsonNode usage = value.get("include_usage");
            if (usage != null && !usage.isNull() && !usage.isBoolean()) {
              throw Invalid.field(name + ".include_usage", "expected a boolean");
            }
            includeUsage = usage != null && usage.asBoolean();
          }
        }
        case "max_tokens", "max_completion_tokens" -> {
          if (!value.isNull()) {
            int tokens = positive(name, value);
            if (maxTokens == null || name.equals("max_completion_tokens")) {
              maxTokens = tokens;
            }
          }
        }
        case "temperature" -> number(body, name, value, 1, "Claude takes a temperature from 0 to 1");
        case "top_p" -> number(body, name, value, 1, "expected a number from 0 to 1");
        case "stop" -> stop(body, value);
        case "user", "safety_identifier" -> {
          if (!value.isNull()) {
            if (!value.isTextual()) {
              throw Invalid.field(name, "expected a string");
            }
            if (name.equals("user") || !body.has("metadata")) {
              body.putObject("metadata").put("user_id", value.asText());
            }
          }
        }
        case "response_format" -> structured = responseFormat(body, value);
        case "reasoning_effort" -> effort = value.isNull() ? null : effort(value);
        case "prompt_cache_key" -> {} // a routing hint for OpenAI's cache; Bedrock caches by prefix without it
        case "n" -> only(name, value, value.isIntegralNumber() && value.asInt() == 1,
            "only 1 choice is supported");
        case "logprobs" -> only(name, value, value.isBoolean() && !value.asBoolean(),
            "log probabilities are not available from Claude");
        case "top_logprobs" -> only(name, value, false, "log probabilities are not available from Claude");
        case "presence_penalty", "frequency_penalty" -> only(name, value,
            value.isNumber() && value.asDouble() == 0, "Claude has no " + name.replace('_', ' '));
        case "logit_bias" -> only(name, value, value.isObject() && value.isEmpty(), "Claude has no logit bias");
        case "store" -> only(name, value, value.isBoolean() && !value.asBoolean(),
            "this gateway does not store completions");
        case "metadata" -> only(name, value, value.isObject() && value.isEmpty(),
            "metadata is only kept with store, which this gateway does not do");
        case "service_tier" -> only(name, value, value.isTextual()
            && (value.asText().equals("auto") || value.asText().equals("default")), "only auto or default");
        case "modalities" -> only(name, value, value.isArray() && value.size() == 1
            && value.get(0).asText().equals("text"), "only [\"text\"] is supported");
        case "seed", "audio", "prediction", "web_search_options", "functions", "function_call", "verbosity" ->
          only(name, value, false, "not supported by this gateway for Claude");
        default -> throw Invalid.field(name, "Unrecognized request argument supplied: " + name);
      }
    }
    List<RemoteImage> remoteImages = ChatMessages.translate(chat.get("messages"), body, fetchImageUrls);
    tools(chat, body);
    int limit = maxTokens != null ? maxTokens : defaultMaxTokens;
    if (effort != null && !effort.equals("none")) {
      int budget = THINKING_BUDGETS.get(effort);
      if (maxTokens == null) {
        limit = defaultMaxTokens + budget;
      } else {
        budget = Math.min(budget, maxTokens - 1);
        if (budget < MIN_THINKING_BUDGET) {
          throw Invalid.field("max_completion_tokens", "with reasoning_effort it must be more than "
              + MIN_THINKING_BUDGET + " (the reasoning counts against it)");
        }
      }
      body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    }
    body.put("max_tokens", limit);
    if (stream) {
      body.put("stream", true);
    }
    return new ChatRequest(body, model.asText(), stream, includeUsage, structured, remoteImages);
  }

  private static void tools(ObjectNode chat, ObjectNode body) {
    JsonNode tools = chat.get("tools");
    boolean hasTools = tools != null && !tools.isNull();
    if (hasTools) {
      ArrayNode converted = ChatTools.tools(tools);
      if (!converted.isEmpty()) {
        body.set("tools", converted);
      }
    }
    ObjectNode choice = ChatTools.choice(chat.get("tool_choice"), chat.get("parallel_tool_calls"));
    if (choice != null && body.has("tools")) {
      body.set("tool_choice", choice);
    } else if (choice != null && !choice.get("type").asText().equals("none")
        && chat.hasNonNull("tool_choice")) {
      throw Invalid.field("tool_choice", "a tool choice needs tools");
    }
  }

  private static boolean responseFormat(ObjectNode body, JsonNode format) {
    if (format.isNull()) {
      return false;
    }
    String type = format.path("type").asText("");
    switch (type) {
      case "text" -> {
        return false;
      }
      case "json_schema" -> {
        JsonNode schema = format.path("json_schema").get("schema");
        if (schema == null || !schema.isObject()) {
          throw Invalid.field("response_format.json_schema.schema", "Field required: a JSON Schema object");
        }
        ObjectNode out = body.putObject("output_config").putObject("format");
        out.put("type", "json_schema");
        out.set("schema", schema);
        return true;
      }
      case "json_object" -> throw Invalid.field("response_format.type", "json_object is not supported for Claude; use"
          + " json_schema with a schema");
      default -> throw Invalid.field("response_format.type", "expected text or json_schema");
    }
  }

  private static String effort(JsonNode value) {
    String effort = value.asText("");
    if (!effort.equals("none") && !THINKING_BUDGETS.containsKey(effort)) {
      throw Invalid.field("reasoning_effort", "expected none, minimal, low, medium, high or xhigh");
    }
    return effort;
  }

  private static void stop(ObjectNode body, JsonNode stop) {
    if (stop.isNull()) {
      return;
    }
    ArrayNode sequences = Json.MAPPER.createArrayNode();
    if (stop.isTextual()) {
      sequences.add(stop.asText());
    } else if (stop.isArray()) {
      for (JsonNode sequence : stop) {
        if (!sequence.isTextual() || sequence.asText().isEmpty()) {
          throw Invalid.field("stop", "expected non-empty strings");
        }
        sequences.add(sequence.asText());
      }
    } else {
      throw Invalid.field("stop", "expected a string or an array of strings");
    }
    if (!sequences.isEmpty()) {
      body.set("stop_sequences", sequences);
    }
  }

  private static void number(ObjectNode body, String name, JsonNode value, double max, String range) {
    if (value.isNull()) {
      return;
    }
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > max) {
      throw Invalid.field(name, range);
    }
    body.set(name, value);
  }

  private static int positive(String name, JsonNode value) {
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
      throw Invalid.field(name, "expected a positive integer");
    }
    return value.asInt();
  }

  private static boolean bool(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw Invalid.field(name, "expected a boolean");
    }
    return value.asBoolean();
  }

  /** Accepts a field only at a value that asks for nothing Claude cannot do. */
  private static void only(String name, JsonNode value, boolean acceptable, String why) {
    if (!value.isNull() && !acceptable) {
      throw Invalid.field(name, why);
    }
  }
}
