package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.ClientKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes key secrets and ids: random, recognisable by their prefix, stored only as a SHA-256. */
public final class KeySecrets {
  /** What every secret the gateway issues starts with (secret scanners can look for it). */
  public static final String PREFIX = "sk-cbp-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeySecrets() {}

  /** A new secret: the prefix and 256 random bits, base64url without padding (43 characters). */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A new id: {@code kind_} and 80 random bits in hex. */
  public static String newId(String kind) {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return kind + "_" + HexFormat.of().formatHex(bytes);
  }

  /** The hex SHA-256 under which a secret is stored and looked up. */
  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(ClientKey.sha256(secret));
  }

  /** The part of a secret shown in listings: the prefix and four more characters. */
  public static String shownPrefix(String secret) {
    return secret.substring(0, Math.min(secret.length(), PREFIX.length() + 4));
  }

  /** The last four characters of a secret. */
  public static String lastFour(String secret) {
    return secret.substring(Math.max(0, secret.length() - 4));
  }
}
