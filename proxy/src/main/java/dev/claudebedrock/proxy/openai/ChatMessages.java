package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Chat messages as Messages turns: {@code system} and {@code developer} messages become the system prompt,
 * {@code user} content parts become text and image blocks, an assistant's {@code tool_calls} become
 * {@code tool_use} blocks and {@code tool} messages {@code tool_result} blocks. Consecutive turns of one role are
 * merged into one (several tool results after one assistant turn become one user turn), as Messages alternates roles.
 * A message's {@code name} is not sent: Messages has no per-message names.
 */
final class ChatMessages {
  private final ArrayNode system = Json.MAPPER.createArrayNode();
  private final ArrayNode turns = Json.MAPPER.createArrayNode();
  private final boolean fetchImageUrls;
  private final List<RemoteImage> remoteImages = new ArrayList<>();

  private ChatMessages(boolean fetchImageUrls) {
    this.fetchImageUrls = fetchImageUrls;
  }

  /**
   * Translates {@code messages} into the body's {@code system} (when there is one) and {@code messages}; the images
   * whose http(s) URLs are left for {@link FetchImageUrls} to fetch (none unless {@code fetchImageUrls}).
   */
  static List<RemoteImage> translate(JsonNode messages, ObjectNode body, boolean fetchImageUrls) {
    if (messages == null || messages.isNull()) {
      throw Invalid.field("messages", "Field required");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw Invalid.field("messages", "expected a non-empty array of messages");
    }
    ChatMessages out = new ChatMessages(fetchImageUrls);
    for (int i = 0; i < messages.size(); i++) {
      out.add(messages.get(i), "messages[" + i + "]");
    }
    if (out.turns.isEmpty()) {
      throw Invalid.field("messages", "at least one user or assistant message is required");
    }
    if (!out.system.isEmpty()) {
      body.set("system", out.system);
    }
    body.set("messages", out.turns);
    return List.copyOf(out.remoteImages);
  }

  private void add(JsonNode message, String where) {
    if (!message.isObject()) {
      throw Invalid.field(where, "expected a message object");
    }
    JsonNode role = message.get("role");
    if (role == null || !role.isTextual()) {
      throw Invalid.field(where + ".role", "Field required");
    }
    switch (role.asText()) {
      case "system", "developer" -> texts(message.get("content"), where + ".content", system, false);
      case "user" -> append("user", user(message.get("content"), where + ".content"));
      case "assistant" -> append("assistant", assistant(message, where));
      case "tool" -> append("user", toolResult(message, where));
      case "function" -> throw Invalid.field(where + ".role",
          "function messages are not supported; use tool messages with tool_call_id");
      default -> throw Invalid.field(where + ".role", "\"" + role.asText()
          + "\" is not one of system, developer, user, assistant, tool");
    }
  }

  /** Adds blocks as a turn of a role, merged into the previous turn when it has the same role. */
  private void append(String role, ArrayNode blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && role.equals(last.get("role").asText())) {
      ((ArrayNode) last.get("content")).addAll(blocks);
      return;
    }
    ObjectNode turn = turns.addObject();
    turn.put("role", role);
    turn.set("content", blocks);
  }

  private ArrayNode user(JsonNode content, String where) {
    ArrayNode blocks = Json.MAPPER.createArrayNode();
    if (content == null || content.isNull()) {
      throw Invalid.field(where, "Field required");
    }
    if (content.isTextual()) {
      addText(blocks, content.asText());
      return blocks;
    }
    if (!content.isArray()) {
      throw Invalid.field(where, "expected a string or an array of content parts");
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String at = where + "[" + j + "]";
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> addText(blocks, text(part, at));
        case "image_url" -> blocks.add(image(part, at));
        default -> throw Invalid.field(at + ".type", "content part \"" + type
            + "\" is not supported; use text or image_url");
      }
    }
    return blocks;
  }

  private ObjectNode image(JsonNode part, String where) {
    ObjectNode block = ImageParts.block(part, where, fetchImageUrls);
    if (block.path("source").path("type").asText().equals("url")) {
      remoteImages.add(new RemoteImage(block, where + ".image_url.url", block.path("source").path("url").asText()));
    }
    return block;
  }

  private static ArrayNode assistant(JsonNode message, String where) {
    ArrayNode blocks = Json.MAPPER.createArrayNode();
    JsonNode content = message.get("content");
    if (content != null && !content.isNull()) {
      if (content.isTextual()) {
        addText(blocks, content.asText());
      } else if (content.isArray()) {
        for (int j = 0; j < content.size(); j++) {
          JsonNode part = content.get(j);
          String at = where + ".content[" + j + "]";
          switch (part.path("type").asText("")) {
            case "text" -> addText(blocks, text(part, at));
            case "refusal" -> addText(blocks, part.path("refusal").asText(""));
            default -> throw Invalid.field(at + ".type", "an assistant's content parts are text or refusal");
          }
        }
      } else {
        throw Invalid.field(where + ".content", "expected a string, an array of content parts or null");
      }
    }
    if (message.hasNonNull("function_call")) {
      throw Invalid.field(where + ".function_call", "function_call is not supported; use tool_calls");
    }
    JsonNode calls = message.get("tool_calls");
    if (calls != null && !calls.isNull()) {
      if (!calls.isArray()) {
        throw Invalid.field(where + ".tool_calls", "expected an array");
      }
      for (int k = 0; k < calls.size(); k++) {
        blocks.add(toolUse(calls.get(k), where + ".tool_calls[" + k + "]"));
      }
    }
    return blocks;
  }

  private static ObjectNode toolUse(JsonNode call, String where) {
    String type = call.path("type").asText("function");
    if (!type.equals("function")) {
      throw Invalid.field(where + ".type", "only function tool calls are supported");
    }
    String id = call.path("id").asText("");
    if (id.isEmpty()) {
      throw Invalid.field(where + ".id", "Field required");
    }
    JsonNode function = call.path("function");
    String name = function.path("name").asText("");
    if (name.isEmpty()) {
      throw Invalid.field(where + ".function.name", "Field required");
    }
    ObjectNode block = Json.MAPPER.createObjectNode();
    block.put("type", "tool_use");
    block.put("id", id);
    block.put("name", name);
    block.set("input", arguments(function.get("arguments"), where + ".function.arguments"));
    return block;
  }

  /** A call's arguments, a JSON object in a string, as the tool_use input object. */
  private static JsonNode arguments(JsonNode arguments, String where) {
    if (arguments == null || arguments.isNull() || arguments.isTextual() && arguments.asText().isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    if (arguments.isObject()) {
      return arguments;
    }
    try {
      JsonNode input = Json.MAPPER.readTree(arguments.asText());
      if (input != null && input.isObject()) {
        return input;
      }
    } catch (JsonProcessingException e) {
      // Refused below with the field named.
    }
    throw Invalid.field(where, "expected a JSON object in a string");
  }

  private static ArrayNode toolResult(JsonNode message, String where) {
    String id = message.path("tool_call_id").asText("");
    if (id.isEmpty()) {
      throw Invalid.field(where + ".tool_call_id", "Field required");
    }
    ObjectNode block = Json.MAPPER.createObjectNode();
    block.put("type", "tool_result");
    block.put("tool_use_id", id);
    JsonNode content = message.get("content");
    if (content != null && content.isTextual()) {
      if (!content.asText().isEmpty()) {
        block.put("content", content.asText());
      }
    } else if (content != null && content.isArray()) {
      ArrayNode texts = Json.MAPPER.createArrayNode();
      texts(content, where + ".content", texts, true);
      if (!texts.isEmpty()) {
        block.set("content", texts);
      }
    } else if (content != null && !content.isNull()) {
      throw Invalid.field(where + ".content", "expected a string or an array of text parts");
    }
    ArrayNode blocks = Json.MAPPER.createArrayNode();
    blocks.add(block);
    return blocks;
  }

  /** Text content (a string or text parts) added to {@code into} as text blocks. */
  private static void texts(JsonNode content, String where, ArrayNode into, boolean arrayOnly) {
    if (content == null || content.isNull()) {
      throw Invalid.field(where, "Field required");
    }
    if (content.isTextual() && !arrayOnly) {
      addText(into, content.asText());
      return;
    }
    if (!content.isArray()) {
      throw Invalid.field(where, "expected a string or an array of text parts");
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String at = where + "[" + j + "]";
      if (!part.path("type").asText("").equals("text")) {
        throw Invalid.field(at + ".type", "only text parts are allowed here");
      }
      addText(into, text(part, at));
    }
  }

  private static String text(JsonNode part, String where) {
    JsonNode text = part.get("text");
    if (text == null || !text.isTextual()) {
      throw Invalid.field(where + ".text", "Field required");
    }
    return text.asText();
  }

  /** A text block; empty text is left out, as Messages refuses empty text blocks. */
  private static void addText(ArrayNode blocks, String text) {
    if (!text.isEmpty()) {
      blocks.addObject().put("type", "text").put("text", text);
    }
  }
}
