package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import java.io.IOException;

/**
 * What accounting reads from a {@code message_delta} event, in one streaming pass that builds trees of its
 * {@code usage} and {@code delta} only (a few fields each) and skips the rest.
 *
 * @param usage the event's {@code usage}, null when it has none
 * @param stopReason its {@code delta.stop_reason}, null when it has none
 */
record MessageDelta(JsonNode usage, JsonNode stopReason) {

  /** Reads the event; throws {@link IOException} for bytes that are not one JSON object. */
  static MessageDelta read(byte[] json) throws IOException {
    JsonNode usage = null;
    JsonNode delta = null;
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "usage" -> usage = Json.MAPPER.readTree(parser);
          case "delta" -> delta = Json.MAPPER.readTree(parser);
          default -> parser.skipChildren();
        }
      }
    }
    return new MessageDelta(usage, delta == null ? null : delta.get("stop_reason"));
  }
}
