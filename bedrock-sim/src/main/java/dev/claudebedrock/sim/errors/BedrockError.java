package dev.claudebedrock.sim.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer in Bedrock's shape. Thrown by any stage of request handling and rendered once by the HTTP layer;
 * carries no stack trace because it is an expected outcome, not a bug.
 */
public final class BedrockError extends RuntimeException {
  private final ErrorType type;
  private final Map<String, Object> extraFields;
  private final Map<String, String> extraHeaders;

  private BedrockError(ErrorType type, String message, Map<String, Object> extraFields,
      Map<String, String> extraHeaders) {
    super(message, null, false, false);
    this.type = type;
    this.extraFields = extraFields;
    this.extraHeaders = extraHeaders;
  }

  /** An error of the given type with a specific message. */
  public static BedrockError of(ErrorType type, String message) {
    return new BedrockError(type, message, Map.of(), Map.of());
  }

  /** An error of the given type with its default message. */
  public static BedrockError of(ErrorType type) {
    return of(type, type.defaultMessage());
  }

  /** A 400 ValidationException. */
  public static BedrockError validation(String message) {
    return of(ErrorType.VALIDATION, message);
  }

  /** A copy with one more body field (e.g. {@code originalStatusCode}). */
  public BedrockError withField(String name, Object value) {
    Map<String, Object> fields = new LinkedHashMap<>(extraFields);
    fields.put(name, value);
    return new BedrockError(type, getMessage(), Map.copyOf(fields), extraHeaders);
  }

  /** A copy with one more response header (e.g. {@code Retry-After}). */
  public BedrockError withHeader(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put(name, value);
    return new BedrockError(type, getMessage(), extraFields, Map.copyOf(headers));
  }

  /** The error type. */
  public ErrorType type() {
    return type;
  }

  /** Body fields besides {@code message}. */
  public Map<String, Object> extraFields() {
    return extraFields;
  }

  /** Headers added to the response besides the standard ones. */
  public Map<String, String> extraHeaders() {
    return extraHeaders;
  }
}
