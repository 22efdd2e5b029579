package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.JsonEdits;
import dev.claudebedrock.proxy.core.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code message_start} event read in one streaming pass: where its message's {@code model} value lies, so that
 * the client's model name is spliced in and every other byte goes out as the upstream wrote it, and the message's
 * {@code usage}, read without a tree.
 *
 * @param json the event
 * @param modelStart where the {@code model} value starts, -1 when the message has none
 * @param modelEnd where it ends
 * @param usage the message's {@code usage}, null when it has none or it is not an object
 */
record MessageStart(byte[] json, int modelStart, int modelEnd, Usage usage) {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  /** Reads the event; throws {@link IOException} for bytes that are not one JSON object. */
  static MessageStart read(byte[] json) throws IOException {
    int modelStart = -1;
    int modelEnd = -1;
    Usage usage = null;
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() != JsonToken.START_OBJECT || !"message".equals(name)) {
          parser.skipChildren();
          continue;
        }
        modelStart = -1;
        usage = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if ("model".equals(field)) {
            modelStart = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            parser.finishToken(); // a string's end is only known once it has been read
            modelEnd = (int) parser.currentLocation().getByteOffset();
          } else if ("usage".equals(field)) {
            usage = UsageRecorder.usageAt(parser);
          } else {
            parser.skipChildren();
          }
        }
      }
    }
    return new MessageStart(json, modelStart, modelEnd, usage);
  }

  /** Whether the message names a model. */
  boolean hasModel() {
    return modelStart >= 0;
  }

  /** The event with the message's model value replaced by {@code model} as a JSON string (null: JSON null). */
  byte[] withModel(String model) {
    byte[] value = model == null ? NULL : JsonEdits.quoted(model);
    byte[] out = new byte[json.length - (modelEnd - modelStart) + value.length];
    System.arraycopy(json, 0, out, 0, modelStart);
    System.arraycopy(value, 0, out, modelStart, value.length);
    System.arraycopy(json, modelEnd, out, modelStart + value.length, json.length - modelEnd);
    return out;
  }
}
