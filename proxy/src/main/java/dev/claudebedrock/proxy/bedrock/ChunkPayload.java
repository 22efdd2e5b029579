package dev.claudebedrock.proxy.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The payload of a Bedrock {@code chunk} frame, {@code {"bytes":"<base64>","p":"<padding>"}}: the base64 text is
 * found by a scan, not a JSON parse, and can be decoded straight into a caller's array, because this runs once per
 * streamed event. What the scan cannot read (escapes, unpadded or odd base64) goes through a JSON parse and the
 * JDK's decoder, so both paths accept the same payloads.
 */
public final class ChunkPayload {
  private static final byte[] KEY = "\"bytes\"".getBytes(StandardCharsets.US_ASCII);
  /** The value of each base64 character, -1 for every other byte. */
  private static final byte[] VALUES = new byte[256];

  static {
    Arrays.fill(VALUES, (byte) -1);
    byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < alphabet.length; i++) {
      VALUES[alphabet[i]] = (byte) i;
    }
  }

  private ChunkPayload() {}

  /** The decoded event JSON; null when the payload carries no {@code bytes}. */
  public static byte[] eventJson(byte[] payload) {
    return eventJson(payload, 0, payload.length);
  }

  /** The decoded event JSON of the payload in {@code data[start, end)}; null when it carries no {@code bytes}. */
  public static byte[] eventJson(byte[] data, int start, int end) {
    long text = base64Text(data, start, end);
    if (text >= 0) {
      int length = decodedLength(data, textStart(text), textEnd(text));
      if (length >= 0) {
        byte[] json = new byte[length];
        if (decode(data, textStart(text), textEnd(text), json, 0)) {
          return json;
        }
      }
    }
    return slowPath(data, start, end);
  }

  /**
   * Where the base64 text of the payload in {@code data[start, end)} lies, for {@link #textStart} and
   * {@link #textEnd}; -1 when a scan cannot tell (no {@code bytes} key, an escape in the value), and
   * {@link #eventJson(byte[], int, int)} must parse the payload.
   */
  public static long base64Text(byte[] data, int start, int end) {
    int key = indexOf(data, start, end, KEY);
    if (key < 0) {
      return -1;
    }
    int i = key + KEY.length;
    while (i < end && (data[i] == ' ' || data[i] == ':')) {
      i++;
    }
    if (i >= end || data[i] != '"') {
      return -1;
    }
    int textStart = i + 1;
    int textEnd = textStart;
    while (textEnd < end && data[textEnd] != '"' && data[textEnd] != '\\') {
      textEnd++;
    }
    return textEnd < end && data[textEnd] == '"' ? (long) textStart << 32 | textEnd : -1;
  }

  /** The first byte of the base64 text {@link #base64Text} found. */
  public static int textStart(long text) {
    return (int) (text >>> 32);
  }

  /** The byte after the base64 text {@link #base64Text} found. */
  public static int textEnd(long text) {
    return (int) text;
  }

  /**
   * The length of the bytes padded base64 text in {@code data[start, end)} decodes to; -1 when its length is not a
   * multiple of four (unpadded base64, which only the JDK's decoder reads).
   */
  public static int decodedLength(byte[] data, int start, int end) {
    int length = end - start;
    if (length % 4 != 0) {
      return -1;
    }
    int padding = length == 0 ? 0 : data[end - 1] != '=' ? 0 : data[end - 2] == '=' ? 2 : 1;
    return length / 4 * 3 - padding;
  }

  /**
   * Decodes the padded base64 text in {@code data[start, end)} into {@code out} from {@code at}
   * ({@link #decodedLength} bytes); false when a character is outside the alphabet or padding is misplaced.
   */
  public static boolean decode(byte[] data, int start, int end, byte[] out, int at) {
    if ((end - start) % 4 != 0) {
      return false;
    }
    int padding = end == start ? 0 : data[end - 1] != '=' ? 0 : data[end - 2] == '=' ? 2 : 1;
    int whole = padding == 0 ? end : end - 4;
    int o = at;
    int i = start;
    for (; i < whole; i += 4) {
      int bits = VALUES[data[i] & 0xff] << 18 | VALUES[data[i + 1] & 0xff] << 12 | VALUES[data[i + 2] & 0xff] << 6
          | VALUES[data[i + 3] & 0xff];
      if (bits < 0) {
        return false;
      }
      out[o++] = (byte) (bits >> 16);
      out[o++] = (byte) (bits >> 8);
      out[o++] = (byte) bits;
    }
    if (padding > 0) {
      int a = VALUES[data[i] & 0xff];
      int b = VALUES[data[i + 1] & 0xff];
      int c = padding == 1 ? VALUES[data[i + 2] & 0xff] : 0;
      if ((a | b | c) < 0) {
        return false;
      }
      out[o++] = (byte) (a << 2 | b >> 4);
      if (padding == 1) {
        out[o] = (byte) (b << 4 | c >> 2);
      }
    }
    return true;
  }

  private static byte[] slowPath(byte[] data, int start, int end) {
    try {
      JsonNode json = Json.MAPPER.readTree(data, start, end - start);
      JsonNode bytes = json == null ? null : json.get("bytes");
      return bytes == null || !bytes.isTextual() ? null : Base64.getDecoder().decode(bytes.asText());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
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
