package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Identity;
import io.vertx.core.Future;

/**
 * Lets a request in only with a credential that works now (unless the operator opened the route
 * explicitly), and leaves the {@link Identity} it established for the stages after it. Expired and
 * revoked keys are told so.
 */
public final class Authenticate implements Interceptor {
  /** Client name recorded for requests let in without a credential. */
  public static final String ANONYMOUS = "anonymous";

  private final Credentials keys;
  private final boolean anonymousAllowed;
  private final TokenVerifier tokens;

  public Authenticate(Credentials keys, boolean anonymousAllowed) {
    this(keys, anonymousAllowed, TokenVerifier.NONE);
  }

  /** @param tokens checks what is not one of the keys: an identity provider's signed tokens */
  public Authenticate(Credentials keys, boolean anonymousAllowed, TokenVerifier tokens) {
    this.keys = keys;
    this.anonymousAllowed = anonymousAllowed;
    this.tokens = tokens;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    String token = ClientKeys.presentedToken(exchange.request());
    if (token == null) {
      if (anonymousAllowed) {
        return admit(chain, Identity.ANONYMOUS);
      }
      return refuse("Missing credentials: send Authorization: Bearer <token> or x-api-key: <token>");
    }
    Identity identity = keys.find(token);
    if (identity == null && tokens.accepts(token)) {
      // The check may leave the event loop: hold the body back until the stages that read it are in place.
      exchange.holdBody();
      return tokens.verify(token).transform(verified -> {
        Future<Reply> reply = verified.succeeded() ? admit(chain, verified.result())
            : Future.failedFuture(verified.cause());
        exchange.releaseBody();
        return reply;
      });
    }
    if (identity == null) {
      if (anonymousAllowed && keys.isEmpty()) {
        return admit(chain, Identity.ANONYMOUS);
      }
      return refuse("Invalid credentials: the token is not one this gateway accepts");
    }
    return switch (identity.status()) {
      case ACTIVE -> admit(chain, identity);
      case EXPIRED ->
        refuse("This key has expired (key " + identity.keyId() + "); ask your administrator for a new one");
      case REVOKED -> refuse("This key has been revoked (key " + identity.keyId() + ")");
    };
  }

  private static Future<Reply> admit(Chain chain, Identity identity) {
    Exchange exchange = chain.exchange();
    exchange.put(Identity.KEY, identity);
    exchange.facts().client(identity.key());
    exchange.listener().authenticated(exchange, identity);
    return chain.proceed();
  }

  private static Future<Reply> refuse(String message) {
    return Future.failedFuture(ApiError.of(ErrorType.AUTHENTICATION, message)
        .withHeader("x-should-retry", "false")
        .withHeader("www-authenticate", "Bearer")
        .exception());
  }
}
