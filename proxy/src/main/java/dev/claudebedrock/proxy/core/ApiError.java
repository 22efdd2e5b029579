package dev.claudebedrock.proxy.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error to answer a client with: its kind, HTTP status, message and any extra response headers
 * ({@code retry-after}, {@code x-should-retry}). How it looks on the wire (the body's shape, the
 * framing inside a stream) is up to the route's wire dialect.
 */
public record ApiError(ErrorType type, int status, String message, Map<String, String> headers) {
  /** Header an error may carry to name the AWS error type of its Bedrock-shaped answer (the Bedrock dialect's). */
  public static final String AWS_ERROR_TYPE = "x-amzn-errortype";

  public ApiError {
    headers = Map.copyOf(headers);
  }

  /** An error with the status its type implies. */
  public static ApiError of(ErrorType type, String message) {
    return new ApiError(type, type.status(), message, Map.of());
  }

  /** This error with one more response header. */
  public ApiError withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiError(type, status, message, h);
  }

  /** An exception carrying this error through a failed future. */
  public ApiException exception() {
    return new ApiException(this);
  }
}
