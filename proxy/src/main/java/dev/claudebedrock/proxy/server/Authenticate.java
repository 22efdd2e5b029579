package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import io.vertx.core.Future;

/** Lets a request in only with a configured credential (unless the operator opened the route explicitly). */
public final class Authenticate implements Interceptor {
  /** Client name recorded for requests let in without a credential. */
  public static final String ANONYMOUS = "anonymous";

  private final ClientKeys keys;
  private final boolean anonymousAllowed;

  public Authenticate(ClientKeys keys, boolean anonymousAllowed) {
    this.keys = keys;
    this.anonymousAllowed = anonymousAllowed;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    String token = ClientKeys.presentedToken(exchange.request());
    if (token == null) {
      if (anonymousAllowed) {
        exchange.facts().client(ANONYMOUS);
        return chain.proceed();
      }
      return refuse("Missing credentials: send Authorization: Bearer <token> or x-api-key: <token>");
    }
    ClientKey key = keys.match(token);
    if (key == null) {
      if (anonymousAllowed && keys.isEmpty()) {
        exchange.facts().client(ANONYMOUS);
        return chain.proceed();
      }
      return refuse("Invalid credentials: the token is not one this gateway accepts");
    }
    exchange.facts().client(key.name());
    return chain.proceed();
  }

  private static Future<Reply> refuse(String message) {
    return Future.failedFuture(ApiError.of(ErrorType.AUTHENTICATION, message)
        .withHeader("x-should-retry", "false")
        .withHeader("www-authenticate", "Bearer")
        .exception());
  }
}
