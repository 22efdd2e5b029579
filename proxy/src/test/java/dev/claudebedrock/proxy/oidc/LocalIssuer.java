package dev.claudebedrock.proxy.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An OpenID Connect issuer on a loopback port, as a test needs one: discovery, a JWKS of RSA keys generated at run
 * time (rotated on demand), and tokens signed with them.
 */
final class LocalIssuer implements AutoCloseable {
  static final String AUDIENCE = "claude-bedrock-proxy";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private volatile RSAKey key;

  LocalIssuer() {
    key = newKey("key-1");
    server = vertx.createHttpServer().requestHandler(request -> {
      switch (request.path()) {
        case "/.well-known/openid-configuration" -> request.response().putHeader("content-type", "application/json")
            .end("{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\"}");
        case "/jwks" -> {
          jwksFetches.incrementAndGet();
          request.response().putHeader("content-type", "application/json")
              .end(new JWKSet(key.toPublicJWK()).toString());
        }
        default -> request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
  }

  String issuer() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Publishes a new key in place of the old one, as a provider's rotation does. */
  void rotate(String kid) {
    key = newKey(kid);
  }

  int jwksFetches() {
    return jwksFetches.get();
  }

  /** A token for {@code email} in {@code groups}, valid for an hour, signed with the current key. */
  String token(String email, List<String> groups) {
    return token(email, groups, claims -> claims);
  }

  /** The same, with its claims changed before signing. */
  String token(String email, List<String> groups, UnaryOperator<JWTClaimsSet.Builder> change) {
    return sign(key, change.apply(claims(email, groups)).build());
  }

  JWTClaimsSet.Builder claims(String email, List<String> groups) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject("sub-" + email)
        .claim("email", email).claim("groups", groups).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  RSAKey currentKey() {
    return key;
  }

  static String sign(RSAKey with, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static RSAKey newKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
