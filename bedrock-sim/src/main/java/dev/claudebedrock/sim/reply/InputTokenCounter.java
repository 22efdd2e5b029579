package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts input tokens deterministically: text is one token per 4 characters (at least 1), an image is 1,600 tokens,
 * any other block or tool definition one token per 4 characters of its compact JSON, and every message adds 3.
 */
public final class InputTokenCounter {
  static final int MESSAGE_OVERHEAD = 3;
  static final int IMAGE_TOKENS = 1600;

  private InputTokenCounter() {}

  /** Measures the prompt of a validated InvokeModel body. */
  public static PromptTokens count(ObjectNode body) {
    List<PromptTokens.Segment> segments = new ArrayList<>();
    for (JsonNode tool : body.path("tools")) {
      segments.add(new PromptTokens.Segment(jsonTokens(tool), tool, ttl(tool)));
    }
    addContent(segments, body.path("system"));
    for (JsonNode message : body.path("messages")) {
      segments.add(
          new PromptTokens.Segment(MESSAGE_OVERHEAD, TextNode.valueOf("role:" + message.path("role").asText()), null));
      addContent(segments, message.path("content"));
    }
    int total = 0;
    for (PromptTokens.Segment segment : segments) {
      total += segment.tokens();
    }
    return new PromptTokens(total, segments);
  }

  private static void addContent(List<PromptTokens.Segment> segments, JsonNode content) {
    if (content.isTextual()) {
      segments.add(new PromptTokens.Segment(textTokens(content.asText()), content, null));
      return;
    }
    for (JsonNode block : content) {
      segments.add(new PromptTokens.Segment(blockTokens(block), block, ttl(block)));
    }
  }

  private static int blockTokens(JsonNode block) {
    return switch (block.path("type").asText()) {
      case "text" -> textTokens(block.path("text").asText());
      case "image" -> IMAGE_TOKENS;
      default -> jsonTokens(block);
    };
  }

  static int textTokens(String text) {
    return Math.max(1, (text.length() + 3) / 4);
  }

  private static int jsonTokens(JsonNode node) {
    return textTokens(withoutCacheControl(node).toString());
  }

  /** The node as it counts and caches: without its cache_control marker. */
  static JsonNode withoutCacheControl(JsonNode node) {
    if (!node.has("cache_control")) {
      return node;
    }
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.remove("cache_control");
    return copy;
  }

  private static String ttl(JsonNode node) {
    JsonNode cacheControl = node.get("cache_control");
    if (cacheControl == null || !cacheControl.isObject()) {
      return null;
    }
    return "1h".equals(cacheControl.path("ttl").asText()) ? "1h" : "5m";
  }
}
