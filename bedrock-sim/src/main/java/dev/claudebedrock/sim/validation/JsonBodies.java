package dev.claudebedrock.sim.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.errors.BedrockError;

import java.io.IOException;

/** Parses request bodies, answering malformed ones the way Bedrock does. */
public final class JsonBodies {
  /** The shared mapper; thread-safe once configured. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  static {
    // Bodies may hold up to 25 MB of base64 images in one string.
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(30_000_000).build());
  }

  private static final String MALFORMED = "Malformed input request, please reformat your input and try again.";

  private JsonBodies() {}

  /** The top-level {@code "model"} string of a JSON object body, or null when there is none or the body is bad. */
  public static String modelField(byte[] body) {
    try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("model")) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Parses a JSON object or throws a 400 ValidationException. */
  public static ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      throw BedrockError.validation(MALFORMED);
    }
    if (node == null || !node.isObject()) {
      throw BedrockError.validation(MALFORMED);
    }
    return (ObjectNode) node;
  }
}
