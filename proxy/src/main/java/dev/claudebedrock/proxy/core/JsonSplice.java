package dev.claudebedrock.proxy.core;

import java.io.IOException;

/**
 * Replaces one top-level field's value in raw JSON bytes without re-serialising the rest: every other byte (key
 * order, spacing, number spelling, unknown fields) stays as the client sent it. For a body that is forwarded as it
 * came except for one value, e.g. the model id on Bedrock's native Messages API. {@link JsonEdits} is the general
 * form.
 */
public final class JsonSplice {
  private JsonSplice() {}

  /**
   * The body with the top-level {@code field}'s value replaced by the JSON string {@code value}; the body unchanged
   * when it has no such field. Throws {@link IOException} for bytes that are not one JSON object.
   */
  public static byte[] replaceString(byte[] body, String field, String value) throws IOException {
    return replaceString(JsonBytes.of(body), field, value);
  }

  /** The same for bytes where they lie (the result is a new array, even when nothing was replaced). */
  public static byte[] replaceString(JsonBytes json, String field, String value) throws IOException {
    JsonMember[] found = new JsonMember[1];
    JsonScan.scan(json, field::equals, (where, name, member) -> found[0] = member);
    JsonEdits edits = new JsonEdits(json);
    if (found[0] != null) {
      edits.replaceValue(found[0], JsonEdits.quoted(value));
    }
    return edits.apply();
  }
}
