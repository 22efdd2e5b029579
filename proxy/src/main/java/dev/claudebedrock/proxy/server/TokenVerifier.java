package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.Identity;
import io.vertx.core.Future;

/** Checks a token that is not one of the gateway's own keys: a signed token an identity provider issued. */
public interface TokenVerifier {
  /** Verifies nothing: only the gateway's own keys get in. */
  TokenVerifier NONE = new TokenVerifier() {
    @Override
    public boolean accepts(String token) {
      return false;
    }

    @Override
    public Future<Identity> verify(String token) {
      throw new IllegalStateException("no token verifier");
    }
  };

  /** Whether the token has the shape this verifier checks (a JWT: three base64url parts). */
  boolean accepts(String token);

  /** The identity the token proves, or a failure whose {@code ApiException} says why it does not. */
  Future<Identity> verify(String token);
}
