package dev.claudebedrock.proxy.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The payload of a Bedrock {@code chunk} frame, {@code {"bytes":"<base64>","p":"<padding>"}}:
 * the base64 text is found by a scan, not a JSON parse, because this runs once per streamed event.
 */
public final class ChunkPayload {
  private static final byte[] KEY = "\"bytes\"".getBytes(StandardCharsets.US_ASCII);

  private ChunkPayload() {}

  /** The decoded event JSON; null when the payload carries no {@code bytes}. */
  public static byte[] eventJson(byte[] payload) {
    int key = indexOf(payload, KEY, 0);
    if (key >= 0) {
      int i = key + KEY.length;
      while (i < payload.length && (payload[i] == ' ' || payload[i] == ':')) {
        i++;
      }
      if (i < payload.length && payload[i] == '"') {
        int start = i + 1;
        int end = start;
        while (end < payload.length && payload[end] != '"' && payload[end] != '\\') {
          end++;
        }
        if (end < payload.length && payload[end] == '"') {
          return Base64.getDecoder().decode(java.nio.ByteBuffer.wrap(payload, start, end - start)).array();
        }
      }
    }
    return slowPath(payload);
  }

  private static byte[] slowPath(byte[] payload) {
    try {
      JsonNode json = Json.MAPPER.readTree(payload);
      JsonNode bytes = json == null ? null : json.get("bytes");
      return bytes == null || !bytes.isTextual() ? null : Base64.getDecoder().decode(bytes.asText());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
