package dev.claudebedrock.sim.auth;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Verifies an {@code AWS4-HMAC-SHA256} Authorization header the way AWS does, written from the SigV4 specification
 * so that it judges clients' signers independently of any SDK.
 */
final class SigV4Verifier {
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private final Credentials credentials;
  private final SigningKeys signingKeys;
  private final Clock clock;

  SigV4Verifier(Credentials credentials, Clock clock) {
    this.credentials = credentials;
    this.signingKeys = new SigningKeys(credentials.secretAccessKey());
    this.clock = clock;
  }

  void verify(AuthRequest request, String authorization) {
    AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
    if (!auth.accessKeyId().equals(credentials.accessKeyId())) {
      throw BedrockError.of(ErrorType.UNRECOGNIZED_CLIENT);
    }
    checkSessionToken(request.header("x-amz-security-token"));
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      throw BedrockError.of(ErrorType.INCOMPLETE_SIGNATURE,
          "Authorization header requires existence of a 'X-Amz-Date' header.");
    }
    checkClock(amzDate);
    checkScope(auth, amzDate.substring(0, 8), request.service());
    if (!auth.signedHeaders().contains("host")) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE,
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    String payloadHash = payloadHash(request);
    String canonical = CanonicalRequest.build(request.method(), request.rawPath(), request.rawQuery(),
        request.headers(),
        auth.signedHeaders(), payloadHash);
    String stringToSign = AuthorizationHeader.ALGORITHM + '\n' + amzDate + '\n' + auth.scope() + '\n'
        + Hashing.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    byte[] key = signingKeys.key(auth.date(), auth.region(), auth.service());
    String expected = Hashing.hex(Hashing.hmac(key, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        auth.signature().getBytes(StandardCharsets.US_ASCII))) {
      // AWS shows both texts so a client author can diff them against their own; nothing here is secret.
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE, ErrorType.INVALID_SIGNATURE.defaultMessage()
          + "\n\nThe Canonical String for this request should have been\n'" + canonical
          + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
    }
  }

  private void checkSessionToken(String token) {
    String required = credentials.sessionToken();
    boolean ok = required == null ? token == null
        : token != null
            && MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    if (!ok) {
      throw BedrockError.of(ErrorType.UNRECOGNIZED_CLIENT);
    }
  }

  private void checkClock(String amzDate) {
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw BedrockError.of(ErrorType.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '" + amzDate
          + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(MAX_SKEW))) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE, "Signature expired: " + amzDate + " is now earlier than "
          + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 15 min.)");
    }
    if (signedAt.isAfter(now.plus(MAX_SKEW))) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE,
          "Signature not yet current: " + amzDate + " is still later than "
              + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 15 min.)");
    }
  }

  private void checkScope(AuthorizationHeader auth, String dateOfRequest, String service) {
    String expectedScope = dateOfRequest + "/" + credentials.region() + "/" + service + "/aws4_request";
    if (!auth.date().equals(dateOfRequest)) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE,
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 "
              + "version of date from HTTP: '" + auth.date() + "' != '" + dateOfRequest + "', from 'X-Amz-Date'.");
    }
    if (!auth.region().equals(credentials.region())) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not '"
          + auth.region() + "'. Expected scope: " + expectedScope);
    }
    if (!auth.service().equals(service)) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE, "Credential should be scoped to correct service: '" + service
          + "'. Expected scope: " + expectedScope);
    }
    if (!auth.terminator().equals("aws4_request")) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE, "Credential should be scoped with a valid terminator: "
          + "'aws4_request', not '" + auth.terminator() + "'. Expected scope: " + expectedScope);
    }
  }

  private static String payloadHash(AuthRequest request) {
    String declared = request.header("x-amz-content-sha256");
    if (declared == null) {
      return Hashing.sha256Hex(request.body());
    }
    if (declared.equals(UNSIGNED_PAYLOAD)) {
      return declared;
    }
    if (!declared.equalsIgnoreCase(Hashing.sha256Hex(request.body()))) {
      throw BedrockError.of(ErrorType.INVALID_SIGNATURE,
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return declared;
  }

  private static String format(Instant instant) {
    return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
  }
}
