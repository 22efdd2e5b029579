package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Cheap facts about an Anthropic event's JSON, read without building a tree. */
public final class EventJson {
  private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);

  private EventJson() {}

  /** The top-level {@code type}, or null when there is none. Bedrock writes it first, so a prefix check usually answers. */
  public static String type(byte[] json) {
    if (startsWith(json, TYPE_PREFIX)) {
      int start = TYPE_PREFIX.length;
      for (int i = start; i < json.length; i++) {
        byte b = json[i];
        if (b == '"') {
          return new String(json, start, i - start, StandardCharsets.US_ASCII);
        }
        if (b == '\\' || b < 0) {
          break;
        }
      }
    }
    return typeByParsing(json);
  }

  /** Whether the JSON contains a raw line break, which would split an SSE {@code data:} line. */
  public static boolean hasLineBreak(byte[] json) {
    for (byte b : json) {
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

  private static boolean startsWith(byte[] json, byte[] prefix) {
    if (json.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (json[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
