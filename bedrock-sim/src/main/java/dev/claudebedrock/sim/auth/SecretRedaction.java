package dev.claudebedrock.sim.auth;

import java.util.Locale;

/** Replaces the secret parts of request headers before they are recorded. */
public final class SecretRedaction {
  /** What a secret is replaced with. */
  public static final String REDACTED = "<redacted>";

  private SecretRedaction() {}

  /** The value to record for a header (name in lower case). */
  public static String redact(String lowerCaseName, String value) {
    return switch (lowerCaseName) {
      case "authorization" -> redactAuthorization(value);
      case "x-amz-security-token", "x-api-key", "proxy-authorization" -> REDACTED;
      default -> value;
    };
  }

  private static String redactAuthorization(String value) {
    if (value.startsWith(AuthorizationHeader.ALGORITHM + " ")) {
      return AuthorizationHeader.redact(value);
    }
    int space = value.indexOf(' ');
    String scheme = space < 0 ? "" : value.substring(0, space);
    return scheme.toLowerCase(Locale.ROOT).equals("bearer") ? scheme + " " + REDACTED : REDACTED;
  }
}
