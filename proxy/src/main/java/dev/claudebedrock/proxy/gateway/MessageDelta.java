package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.Usage;
import java.io.IOException;

/**
 * What accounting reads from a {@code message_delta} event, in one streaming pass with no tree: its {@code usage} and
 * its {@code delta.stop_reason}; the rest is skipped.
 *
 * @param usage the event's {@code usage}, null when it has none or it is not an object
 * @param stopReason its {@code delta.stop_reason}, null when it has none or it is not a string
 */
record MessageDelta(Usage usage, String stopReason) {

  /** Reads the event; throws {@link IOException} for bytes that are not one JSON object. */
  static MessageDelta read(byte[] json) throws IOException {
    Usage usage = null;
    String stopReason = null;
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "usage" -> usage = UsageRecorder.usageAt(parser);
          case "delta" -> stopReason = stopReason(parser);
          default -> parser.skipChildren();
        }
      }
    }
    return new MessageDelta(usage, stopReason);
  }

  /** {@code stop_reason} of the {@code delta} value the parser stands on, if a string; leaves it on the value's end. */
  private static String stopReason(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String reason = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING && field.equals("stop_reason")) {
        reason = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return reason;
  }
}
