package dev.claudebedrock.proxy.openai;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;

/** A 400 about one request field, worded {@code <field>: <problem>} so the dialect can name it as {@code param}. */
final class Invalid {
  private Invalid() {}

  /** The exception to throw for a field. */
  static ApiException field(String param, String problem) {
    return ApiError.of(ErrorType.INVALID_REQUEST, param + ": " + problem).exception();
  }
}
