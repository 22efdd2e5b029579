package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;

/**
 * A Messages answer as a {@code chat.completion}: text blocks joined into {@code content}, thinking into
 * {@code reasoning_content} (the field OpenAI-compatible servers use for it), {@code tool_use} blocks into
 * {@code tool_calls} with their input as a JSON string, the stop reason as {@code finish_reason}.
 */
public final class ChatCompletion {
  private ChatCompletion() {}

  /** The chat completion for a Messages {@code message}, named after the model the client asked for. */
  public static ObjectNode of(JsonNode message, String model, long created) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode calls = Json.MAPPER.createArrayNode();
    for (JsonNode block : message.path("content")) {
      switch (block.path("type").asText("")) {
        case "text" -> text.append(block.path("text").asText(""));
        case "thinking" -> reasoning.append(block.path("thinking").asText(""));
        case "tool_use" -> {
          ObjectNode call = calls.addObject();
          call.put("id", block.path("id").asText(""));
          call.put("type", "function");
          ObjectNode function = call.putObject("function");
          function.put("name", block.path("name").asText(""));
          JsonNode input = block.get("input");
          function.put("arguments", input == null ? "{}" : input.toString());
        }
        default -> {}
      }
    }
    ObjectNode completion = Json.MAPPER.createObjectNode();
    completion.put("id", "chatcmpl-" + message.path("id").asText(""));
    completion.put("object", "chat.completion");
    completion.put("created", created);
    completion.put("model", model);
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode reply = choice.putObject("message");
    reply.put("role", "assistant");
    if (text.isEmpty() && !calls.isEmpty()) {
      reply.putNull("content");
    } else {
      reply.put("content", text.toString());
    }
    if (!reasoning.isEmpty()) {
      reply.put("reasoning_content", reasoning.toString());
    }
    if (!calls.isEmpty()) {
      reply.set("tool_calls", calls);
    }
    reply.putNull("refusal");
    choice.putNull("logprobs");
    JsonNode stop = message.get("stop_reason");
    choice.put("finish_reason", FinishReasons.of(stop == null || stop.isNull() ? null : stop.asText()));
    ChatUsage usage = new ChatUsage();
    usage.add(message.get("usage"));
    completion.set("usage", usage.json());
    return completion;
  }
}
