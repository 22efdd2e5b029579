package dev.claudebedrock.proxy.admin;

import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.governance.KeyDirectory;
import dev.claudebedrock.proxy.server.ClientKeys;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import java.security.MessageDigest;

/**
 * Lets a request into the admin API only with {@code ADMIN_API_TOKEN}, compared by its SHA-256 in
 * constant time. A client key is never enough: it gets 403, anything else 401.
 */
public final class AdminAuth implements Interceptor {
  private final byte[] tokenHash;
  private final KeyDirectory clientKeys;

  public AdminAuth(String adminToken, KeyDirectory clientKeys) {
    this.tokenHash = ClientKey.sha256(adminToken);
    this.clientKeys = clientKeys;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    String token = ClientKeys.presentedToken(chain.exchange().request());
    if (token == null) {
      return refuse(ErrorType.AUTHENTICATION, "Missing credentials: the admin API needs Authorization: Bearer "
          + "<ADMIN_API_TOKEN>");
    }
    if (MessageDigest.isEqual(ClientKey.sha256(token), tokenHash)) {
      return chain.proceed();
    }
    if (clientKeys.grantFor(token) != null) {
      return refuse(ErrorType.PERMISSION, "A client key cannot use the admin API; it needs the admin token");
    }
    return refuse(ErrorType.AUTHENTICATION, "Invalid credentials: the token is not the admin token");
  }

  private static Future<Reply> refuse(ErrorType type, String message) {
    return Future.failedFuture(ApiError.of(type, message).withHeader("x-should-retry", "false").exception());
  }
}
