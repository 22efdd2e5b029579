package dev.claudebedrock.proxy.anthropic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error as clients see it: {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}
 * with its HTTP status and any extra headers ({@code retry-after}, {@code x-should-retry}).
 */
public record ApiError(ErrorType type, int status, String message, Map<String, String> headers) {

  public ApiError {
    headers = Map.copyOf(headers);
  }

  /** An error with the status its type implies. */
  public static ApiError of(ErrorType type, String message) {
    return new ApiError(type, type.status(), message, Map.of());
  }

  /** This error with one more response header. */
  public ApiError withHeader(String name, String value) {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiError(type, status, message, h);
  }

  /** The JSON body for a response. */
  public byte[] toJson(String requestId) {
    return ("{\"type\":\"error\",\"error\":" + errorObject() + ",\"request_id\":\"" + requestId + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code error} object alone: {@code {"type":…,"message":…}}. */
  public String errorObject() {
    return "{\"type\":\"" + type.wireName() + "\",\"message\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}";
  }

  /** An exception carrying this error through a failed future. */
  public ApiException exception() {
    return new ApiException(this);
  }
}
