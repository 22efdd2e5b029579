package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.core.Identity;
import io.vertx.core.http.HttpServerRequest;
import java.security.MessageDigest;
import java.util.List;

/**
 * The credentials clients may present, as {@code Authorization: Bearer <token>} or
 * {@code x-api-key: <token>}. Tokens are compared by their SHA-256 in constant time, against
 * every key, so neither timing nor the key table reveals anything.
 */
public final class ClientKeys implements Credentials {
  private final List<ClientKey> keys;

  public ClientKeys(List<ClientKey> keys) {
    this.keys = List.copyOf(keys);
  }

  @Override
  public Identity find(String token) {
    ClientKey key = match(token);
    return key == null ? null : Identity.configured(key.name());
  }

  @Override
  public boolean isEmpty() {
    return keys.isEmpty();
  }

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

  /** The key matching a token, or null. */
  public ClientKey match(String token) {
    byte[] hash = ClientKey.sha256(token);
    ClientKey found = null;
    for (ClientKey key : keys) {
      if (MessageDigest.isEqual(hash, key.sha256()) && found == null) {
        found = key;
      }
    }
    return found;
  }
}
