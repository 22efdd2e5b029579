package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.Arrays;

/**
 * Replaces one top-level field's value in raw JSON bytes without re-serialising the rest: every other byte (key
 * order, spacing, number spelling, unknown fields) stays as the client sent it. For a body that is forwarded as it
 * came except for one value, e.g. the model id on Bedrock's native Messages API.
 */
public final class JsonSplice {
  private JsonSplice() {}

  /**
   * The body with the top-level {@code field}'s value replaced by the JSON string {@code value}; the body unchanged
   * when it has no such field. Throws {@link IOException} for bytes that are not one JSON object.
   */
  public static byte[] replaceString(byte[] body, String field, String value) throws IOException {
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (!name.equals(field)) {
          parser.skipChildren();
          continue;
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        parser.finishToken(); // a string's end is only known once it has been read
        int end = (int) parser.currentLocation().getByteOffset();
        return splice(body, start, end, value);
      }
      return body;
    }
  }

  private static byte[] splice(byte[] body, int start, int end, String value) {
    byte[] quoted = quote(value);
    byte[] out = Arrays.copyOf(body, body.length - (end - start) + quoted.length);
    System.arraycopy(quoted, 0, out, start, quoted.length);
    System.arraycopy(body, end, out, start + quoted.length, body.length - end);
    return out;
  }

  private static byte[] quote(String value) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
    byte[] quoted = new byte[escaped.length + 2];
    quoted[0] = '"';
    System.arraycopy(escaped, 0, quoted, 1, escaped.length);
    quoted[quoted.length - 1] = '"';
    return quoted;
  }
}
