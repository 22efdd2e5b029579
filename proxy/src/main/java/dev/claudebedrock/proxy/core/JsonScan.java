package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds where the members of a JSON object lie in its bytes with Jackson's streaming parser, walking only into the
 * members a {@link Selector} names: everything else is skipped token by token, strings without being decoded, and
 * no tree is built. What it reports is what {@link JsonEdits} needs to splice.
 */
public final class JsonScan {
  /** Which members of an object are reported, and which values are walked into. */
  public interface Selector {
    /** Whether the member named {@code name} of an object this selector applies to is reported. */
    boolean reports(String name);

    /** The selector for the members of {@code name}'s value when it is an object; null to skip it. */
    default Selector intoObject(String name) {
      return null;
    }

    /** The selector for the object elements of {@code name}'s value when it is an array; null to skip it. */
    default Selector intoArray(String name) {
      return null;
    }
  }

  /** Hears each reported member, with the selector of the object that holds it. */
  @FunctionalInterface
  public interface Receiver {
    /** One reported member. */
    void member(Selector where, String name, JsonMember member);
  }

  /** Every member of the top level, nothing below it. */
  public static final Selector TOP_LEVEL = name -> true;

  /**
   * The top-level object.
   *
   * @param end where its closing brace is
   * @param members how many members it has
   */
  public record TopObject(int end, int members) {}

  private final JsonBytes json;
  private final Receiver receiver;
  private int objects;
  private TopObject top;

  private JsonScan(JsonBytes json, Receiver receiver) {
    this.json = json;
    this.receiver = receiver;
  }

  /** Scans a document that must be one JSON object; throws {@link IOException} for anything else. */
  public static TopObject scan(JsonBytes json, Selector root, Receiver receiver) throws IOException {
    JsonScan scan = new JsonScan(json, receiver);
    try (JsonParser parser = json.parser()) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      scan.object(parser, root, true);
    }
    return scan.top;
  }

  private void object(JsonParser parser, Selector selector, boolean topLevel) throws IOException {
    int object = objects++;
    int index = 0;
    String pending = null; // a reported member whose end is known once the next member or the brace is seen
    int pendingKey = 0;
    int pendingValue = 0;
    int pendingIndex = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      boolean reports = selector.reports(name);
      int keyStart = pending != null || reports ? start(parser) : -1;
      if (pending != null) {
        emit(selector, pending, object, pendingIndex, pendingKey, pendingValue, keyStart);
        pending = null;
      }
      JsonToken value = parser.nextToken();
      if (reports) {
        pending = name;
        pendingKey = keyStart;
        pendingValue = start(parser);
        pendingIndex = index;
      }
      Selector inner;
      if (value == JsonToken.START_OBJECT && (inner = selector.intoObject(name)) != null) {
        object(parser, inner, false);
      } else if (value == JsonToken.START_ARRAY && (inner = selector.intoArray(name)) != null) {
        array(parser, inner);
      } else {
        parser.skipChildren();
      }
      index++;
    }
    int end = start(parser);
    if (pending != null) {
      emit(selector, pending, object, pendingIndex, pendingKey, pendingValue, -1, end);
    }
    if (topLevel) {
      top = new TopObject(end, index);
    }
  }

  private void array(JsonParser parser, Selector selector) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == JsonToken.START_OBJECT) {
        object(parser, selector, false);
      } else {
        parser.skipChildren();
      }
    }
  }

  private void emit(Selector where, String name, int object, int index, int keyStart, int valueStart,
      int nextKeyStart) {
    emit(where, name, object, index, keyStart, valueStart, nextKeyStart, nextKeyStart);
  }

  private void emit(Selector where, String name, int object, int index, int keyStart, int valueStart,
      int nextKeyStart, int boundary) {
    receiver.member(where, name, new JsonMember(object, index, backOverSeparator(keyStart), keyStart, valueStart,
        backOverSeparator(boundary), nextKeyStart));
  }

  /** Just after the value or brace before {@code position}, stepping back over whitespace and one comma. */
  private int backOverSeparator(int position) {
    int i = backOverWhitespace(position - 1);
    if (json.at(i) == ',') {
      i = backOverWhitespace(i - 1);
    }
    return i + 1;
  }

  private int backOverWhitespace(int i) {
    while (i >= 0 && isWhitespace(json.at(i))) {
      i--;
    }
    return i;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static int start(JsonParser parser) {
    return (int) parser.currentTokenLocation().getByteOffset();
  }
}
