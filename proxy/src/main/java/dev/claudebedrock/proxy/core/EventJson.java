package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Cheap facts about an Anthropic event's JSON, read without building a tree. */
public final class EventJson {
  private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
  /** The Messages API's event types, most frequent first. */
  private static final String[] KNOWN_TYPES = {"content_block_delta", "content_block_start", "content_block_stop",
      "message_start", "message_delta", "message_stop", "ping", "error"};
  private static final byte[][] KNOWN_TYPE_BYTES = Arrays.stream(KNOWN_TYPES)
      .map(type -> type.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

  private EventJson() {}

  /** The top-level {@code type}, or null when there is none. Bedrock writes it first, so a prefix check usually answers. */
  public static String type(byte[] json) {
    String type = leadingType(json, 0, json.length);
    return type != null ? type : typeByParsing(json);
  }

  /**
   * The {@code type} when {@code json[start, end)} starts with it, {@code {"type":"<ASCII without escapes>"}, as
   * Bedrock writes it; null otherwise (then {@link #type(byte[])} parses). The Messages API's own event types come
   * back as shared constants, so reading a type allocates nothing.
   */
  public static String leadingType(byte[] json, int start, int end) {
    if (end - start < TYPE_PREFIX.length
        || !Arrays.equals(json, start, start + TYPE_PREFIX.length, TYPE_PREFIX, 0, TYPE_PREFIX.length)) {
      return null;
    }
    int from = start + TYPE_PREFIX.length;
    for (int i = from; i < end; i++) {
      byte b = json[i];
      if (b == '"') {
        for (int k = 0; k < KNOWN_TYPES.length; k++) {
          if (Arrays.equals(json, from, i, KNOWN_TYPE_BYTES[k], 0, KNOWN_TYPE_BYTES[k].length)) {
            return KNOWN_TYPES[k];
          }
        }
        return new String(json, from, i - from, StandardCharsets.US_ASCII);
      }
      if (b == '\\' || b < 0) {
        return null;
      }
    }
    return null;
  }

  /** Whether the JSON contains a raw line break, which would split an SSE {@code data:} line. */
  public static boolean hasLineBreak(byte[] json) {
    return hasLineBreak(json, 0, json.length);
  }

  /** Whether {@code json[start, end)} contains a raw line break. */
  public static boolean hasLineBreak(byte[] json, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = json[i];
      if (b == '\n' || b == '\r') {
        return true;
      }
    }
    return false;
  }

  private static String typeByParsing(byte[] json) {
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
          return parser.getText();
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

}
