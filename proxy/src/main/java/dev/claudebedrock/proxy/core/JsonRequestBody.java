package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A client's request body read as the JSON object every model API expects, or refused saying where it is wrong:
 * either as a tree ({@link #object}) or in one streaming pass that hands over the top-level members and builds
 * nothing ({@link #members}). Both refuse the same bodies with the same messages, since both run the same parser
 * (the limits and duplicate-key check of {@link Json#MAPPER}) over every byte of the document; strings the pass is
 * not asked for are skipped undecoded, which checks their UTF-8 and escapes just as decoding does.
 */
public final class JsonRequestBody {
  private JsonRequestBody() {}

  /** Hears the members of the body's top-level object, one at a time. */
  @FunctionalInterface
  public interface MemberReader {
    /**
     * One top-level member, the parser standing at its value's first token. The reader either leaves the parser
     * there (the value is then skipped, still checked byte by byte) or reads the whole value, leaving the parser
     * at its last token (a scalar's own, or the closing {@code END_OBJECT}/{@code END_ARRAY}).
     */
    void member(String name, JsonParser parser) throws IOException;
  }

  /** The body as a JSON object; an {@code invalid_request_error} when it is empty, not JSON or not an object. */
  public static ObjectNode object(byte[] raw) {
    return object(JsonBytes.of(raw));
  }

  /** The body as a JSON object, read where it lies; an {@code invalid_request_error} as {@link #object(byte[])}. */
  public static ObjectNode object(JsonBytes raw) {
    if (raw.length() == 0) {
      throw empty();
    }
    JsonNode json;
    try {
      json = raw.tree(0, raw.length());
    } catch (JsonProcessingException e) {
      if (!raw.contiguous()) {
        return object(JsonBytes.of(raw.array())); // the refusal worded as for one array (see notJson)
      }
      throw notJson(e);
    } catch (IOException e) {
      throw unreadable();
    }
    if (!(json instanceof ObjectNode body)) {
      throw notAnObject();
    }
    return body;
  }

  /**
   * Reads the body as one JSON object in a single streaming pass, handing each top-level member to {@code reader},
   * without building a tree; refuses what {@link #object(JsonBytes)} refuses, with the same message. As there,
   * whatever follows the object's closing brace is not read.
   */
  public static void members(JsonBytes raw, MemberReader reader) {
    if (raw.length() == 0) {
      throw empty();
    }
    try (JsonParser parser = raw.parser()) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first != null) {
          parser.skipChildren(); // an array is read to its end, and a string decoded, as the tree reads them
          parser.finishToken();
        }
        throw notAnObject();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        reader.member(name, parser);
        parser.skipChildren();
      }
    } catch (JsonProcessingException e) {
      if (!raw.contiguous()) {
        // the same parser over the same bytes fails at the same place; read again from one array only so that the
        // message is worded as for one array (see notJson). What the reader heard is dropped with the refusal.
        members(JsonBytes.of(raw.array()), reader);
      }
      throw notJson(e);
    } catch (IOException e) {
      throw unreadable();
    }
  }

  private static ApiException empty() {
    return invalid("The request body is empty; it must be a JSON object");
  }

  private static ApiException notAnObject() {
    return invalid("The request body must be a JSON object");
  }

  private static ApiException unreadable() {
    return invalid("The request body could not be read as JSON");
  }

  /**
   * The parser's own message, with where it stopped. Some messages quote the document's start as the parser saw its
   * source (an array's bytes, or only a stream's name), so a body in several arrays is refused by a second read of
   * it joined into one: the same bodies get the same words whichever way they arrived. Refusals only; a body that
   * parses is never joined.
   */
  private static ApiException notJson(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
        + ", column " + e.getLocation().getColumnNr();
    return invalid("The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
  }

  private static ApiException invalid(String message) {
    return ApiError.of(ErrorType.INVALID_REQUEST, message).exception();
  }
}
