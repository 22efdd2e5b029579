package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** A client's request body read as the JSON object every model API expects, or refused saying where it is wrong. */
public final class JsonRequestBody {
  private JsonRequestBody() {}

  /** The body as a JSON object; an {@code invalid_request_error} when it is empty, not JSON or not an object. */
  public static ObjectNode object(byte[] raw) {
    return object(JsonBytes.of(raw));
  }

  /** The body as a JSON object, read where it lies; an {@code invalid_request_error} as {@link #object(byte[])}. */
  public static ObjectNode object(JsonBytes raw) {
    if (raw.length() == 0) {
      throw invalid("The request body is empty; it must be a JSON object");
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(raw.array(), raw.offset(), raw.length());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw invalid("The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("The request body could not be read as JSON");
    }
    if (!(json instanceof ObjectNode body)) {
      throw invalid("The request body must be a JSON object");
    }
    return body;
  }

  private static ApiException invalid(String message) {
    return ApiError.of(ErrorType.INVALID_REQUEST, message).exception();
  }
}
