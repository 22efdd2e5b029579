package dev.claudebedrock.proxy.server;

import io.vertx.core.http.HttpServerRequest;

/**
 * How clients present a credential: {@code Authorization: Bearer <token>} or {@code x-api-key: <token>}.
 * Which tokens are accepted is the {@link Credentials}' business.
 */
public final class ClientKeys {
  private ClientKeys() {}

  /** The token a request presents, or null. A non-Bearer {@code Authorization} counts as none. */
  public static String presentedToken(HttpServerRequest request) {
    String authorization = request.getHeader("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).strip();
      if (!token.isEmpty()) {
        return token;
      }
    }
    String apiKey = request.getHeader("x-api-key");
    return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }
}
