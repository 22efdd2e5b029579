package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Estimates input tokens where Bedrock cannot count them. It errs high on purpose: an estimate
 * that is too low lets Claude Code skip compaction until Bedrock refuses the prompt as too long;
 * one that is too high only compacts a little early.
 *
 * <p>Rule: one token per 3 bytes of UTF-8 text anywhere in {@code system}, {@code messages} and
 * {@code tools} (tool definitions count as their JSON); 1,600 tokens per image; one token per 40
 * bytes of a base64 document (at least 1,600); 4 tokens per message; 350 tokens when tools are
 * present (the tool-use system prompt).
 */
public final class TokenEstimator {
  static final int BYTES_PER_TOKEN = 3;
  static final int IMAGE_TOKENS = 1_600;
  static final int DOCUMENT_BYTES_PER_TOKEN = 40;
  static final int PER_MESSAGE = 4;
  static final int TOOLS_OVERHEAD = 350;

  private TokenEstimator() {}

  /** The estimated input tokens of a request body. */
  public static long estimate(JsonNode body) {
    long tokens = 0;
    tokens += textTokens(body.get("system"));
    JsonNode messages = body.get("messages");
    if (messages != null && messages.isArray()) {
      for (JsonNode message : messages) {
        tokens += PER_MESSAGE + textTokens(message.get("content"));
      }
    }
    JsonNode tools = body.get("tools");
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      tokens += TOOLS_OVERHEAD + ceilDiv(utf8Length(tools.toString()), BYTES_PER_TOKEN);
    }
    return Math.max(1, tokens);
  }

  private static long textTokens(JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (node.isTextual()) {
      return ceilDiv(utf8Length(node.asText()), BYTES_PER_TOKEN);
    }
    if (node.isArray()) {
      long sum = 0;
      for (JsonNode item : node) {
        sum += textTokens(item);
      }
      return sum;
    }
    if (node.isObject()) {
      String type = node.path("type").asText("");
      JsonNode source = node.get("source");
      if (source != null && "base64".equals(source.path("type").asText())) {
        long decoded = source.path("data").asText("").length() * 3L / 4;
        return "image".equals(type) ? IMAGE_TOKENS : Math.max(IMAGE_TOKENS, decoded / DOCUMENT_BYTES_PER_TOKEN);
      }
      if ("image".equals(type)) {
        return IMAGE_TOKENS;
      }
      long sum = 0;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getKey().equals("type") && !field.getKey().equals("cache_control") && !field.getKey().equals("id")) {
          JsonNode value = field.getValue();
          sum += value.isValueNode() && !value.isTextual() ? 1 : textTokens(value);
        }
      }
      return sum;
    }
    return 1;
  }

  private static int utf8Length(String text) {
    int length = text.length();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return length;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
