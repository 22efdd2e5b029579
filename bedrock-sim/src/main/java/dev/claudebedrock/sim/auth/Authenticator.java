package dev.claudebedrock.sim.auth;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;

/**
 * Admits a request signed with SigV4 by the configured credentials, or carrying the configured Bedrock API key
 * ({@code Authorization: Bearer}, or {@code x-api-key} on the Messages API).
 */
public final class Authenticator {
  private static final String BEARER = "bearer ";
  private static final String MANTLE = "bedrock-mantle";

  private final Credentials credentials;
  private final SigV4Verifier sigV4;
  private final byte[] apiKey;

  /** An authenticator for one set of credentials. */
  public Authenticator(Credentials credentials, Clock clock) {
    this.credentials = credentials;
    this.sigV4 = new SigV4Verifier(credentials, clock);
    this.apiKey = credentials.apiKey() == null ? null : credentials.apiKey().getBytes(StandardCharsets.UTF_8);
  }

  /** The credentials this authenticator accepts. */
  public Credentials credentials() {
    return credentials;
  }

  /** Returns normally for an authentic request; throws the 403 AWS would answer otherwise. */
  public void authenticate(AuthRequest request) {
    String authorization = request.header("authorization");
    String apiKeyHeader = request.header("x-api-key");
    if ((authorization == null || authorization.isBlank()) && apiKeyHeader != null
        && MANTLE.equals(request.service())) {
      checkBearer(apiKeyHeader.trim(), request.service()); // the Messages API also takes the key as x-api-key
      return;
    }
    if (authorization == null || authorization.isBlank()) {
      throw BedrockError.of(ErrorType.MISSING_AUTHENTICATION_TOKEN);
    }
    if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      checkBearer(authorization.substring(BEARER.length()).trim(), request.service());
    } else if (authorization.startsWith(AuthorizationHeader.ALGORITHM + " ")) {
      sigV4.verify(request, authorization);
    } else {
      throw BedrockError.of(ErrorType.INCOMPLETE_SIGNATURE, "Unsupported authorization type '"
          + authorization.split(" ", 2)[0].toLowerCase(Locale.ROOT) + "'.");
    }
  }

  private void checkBearer(String token, String service) {
    // Bedrock API keys are a Bedrock feature: STS never accepts them.
    boolean ok = apiKey != null && ("bedrock".equals(service) || MANTLE.equals(service))
        && MessageDigest.isEqual(apiKey, token.getBytes(StandardCharsets.UTF_8));
    if (!ok) {
      throw BedrockError.of(ErrorType.UNRECOGNIZED_CLIENT);
    }
  }
}
