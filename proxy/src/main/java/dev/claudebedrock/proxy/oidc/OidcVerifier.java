package dev.claudebedrock.proxy.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.claudebedrock.proxy.config.OidcConfig;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.server.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Verifies an identity provider's JWTs with Nimbus JOSE + JWT: the signature against the issuer's JWKS (fetched,
 * cached, and fetched again when a token names a key it does not have: the provider rotated), {@code iss},
 * {@code aud}, {@code exp} and {@code nbf} within a small clock skew; asymmetric algorithms only, so {@code none},
 * HMAC (which would take the public key as a shared secret) and unknown algorithms are refused. Verification and
 * key fetching run on worker threads, never on an event loop; a verified token is remembered until it expires.
 */
public final class OidcVerifier implements TokenVerifier {
  /** The signatures an identity provider's keys make; anything else is refused. */
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
      JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  private static final int TIMEOUT_MS = 5_000;
  /** The shortest time between two fetches of the keys: tokens naming unknown keys cannot flood the provider. */
  private static final long MIN_REFRESH_MS = 1_000;

  private final OidcConfig config;
  private final Vertx vertx;
  private final UnaryOperator<String> teamIdByName;
  private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(100_000)
      .expireAfter(Expiry.creating((String token, Verified v) -> v.lifetime())).build();
  private volatile DefaultJWTProcessor<SecurityContext> processor;

  private record Verified(Identity identity, long expiresAtMillis) {
    java.time.Duration lifetime() {
      return java.time.Duration.ofMillis(Math.max(0, expiresAtMillis - System.currentTimeMillis()));
    }
  }

  /**
   * @param teamIdByName a governance team's id by its name, or null when there is no such team
   */
  public OidcVerifier(OidcConfig config, Vertx vertx, UnaryOperator<String> teamIdByName) {
    this.config = config;
    this.vertx = vertx;
    this.teamIdByName = teamIdByName;
  }

  @Override
  public boolean accepts(String token) {
    return JWT.matcher(token).matches();
  }

  @Override
  public Future<Identity> verify(String token) {
    Verified known = verified.getIfPresent(token);
    if (known != null && known.expiresAtMillis() > System.currentTimeMillis()) {
      return Future.succeededFuture(known.identity());
    }
    return vertx.executeBlocking(() -> verifyNow(token), false);
  }

  private Identity verifyNow(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor().process(token, null);
    } catch (BadJWTException e) {
      throw refused(e.getMessage());
    } catch (BadJOSEException e) {
      throw refused(e.getMessage());
    } catch (ParseException e) {
      throw refused("it is not a well-formed JWT");
    } catch (com.nimbusds.jose.JOSEException e) {
      throw refused("its signature could not be checked (" + e.getMessage() + ")");
    }
    String user = claimText(claims, config.userClaim());
    if (user == null || user.isEmpty()) {
      throw refused("it has no " + config.userClaim() + " claim naming the user");
    }
    String team = team(claims);
    String teamId = team.isEmpty() ? "" : teamIdByName.apply(team);
    if (teamId == null) {
      throw ApiError.of(ErrorType.PERMISSION, "Your groups map to the team " + team
          + ", which this gateway does not know; ask your administrator").withHeader("x-should-retry", "false")
          .exception();
    }
    Identity identity = new Identity("oidc", "oidc:" + user, teamId, team, user, Identity.Status.ACTIVE);
    Date exp = claims.getExpirationTime();
    verified.put(token, new Verified(identity, exp.getTime()));
    return identity;
  }

  /** The first mapped group the user is in decides the team; else the default team; else the user is refused. */
  private String team(JWTClaimsSet claims) {
    Object groups = claims.getClaim(config.groupsClaim());
    List<?> list = groups instanceof List<?> l ? l : groups instanceof String s ? List.of(s) : List.of();
    for (Map.Entry<String, String> mapping : config.groupTeams().entrySet()) {
      if (list.contains(mapping.getKey())) {
        return mapping.getValue();
      }
    }
    if (!config.defaultTeam().isEmpty() || config.groupTeams().isEmpty()) {
      return config.defaultTeam();
    }
    throw ApiError.of(ErrorType.PERMISSION, "None of your groups (" + config.groupsClaim()
        + " claim) is mapped to a team of this gateway; ask your administrator").withHeader("x-should-retry",
            "false")
        .exception();
  }

  private static String claimText(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String s ? s : null;
  }

  /** Built at the first token (discovery may need the network): on a worker thread. */
  private DefaultJWTProcessor<SecurityContext> processor() {
    DefaultJWTProcessor<SecurityContext> built = processor;
    if (built != null) {
      return built;
    }
    synchronized (this) {
      if (processor == null) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 1 << 20);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUrl(retriever), retriever)
            .rateLimited(MIN_REFRESH_MS).build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(config.audience(),
            new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("exp"));
        claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        processor = p;
      }
      return processor;
    }
  }

  private URL jwksUrl(DefaultResourceRetriever retriever) {
    try {
      if (!config.jwksUrl().isEmpty()) {
        return URI.create(config.jwksUrl()).toURL();
      }
      String discovery = config.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration";
      JsonNode document = Json.MAPPER.readTree(retriever.retrieveResource(URI.create(discovery).toURL())
          .getContent());
      String jwks = document.path("jwks_uri").asText("");
      if (!jwks.matches("https?://.+")) {
        throw new IOException("the discovery document has no jwks_uri");
      }
      return URI.create(jwks).toURL();
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiError(ErrorType.API, 502, "The identity provider's keys could not be found (auth.oidc: "
          + e.getMessage() + ")", Map.of()).exception();
    }
  }

  private static ApiException refused(String reason) {
    return ApiError.of(ErrorType.AUTHENTICATION, "The identity provider's token was refused: " + reason)
        .withHeader("x-should-retry", "false").withHeader("www-authenticate", "Bearer").exception();
  }
}
