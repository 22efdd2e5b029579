package dev.claudebedrock.proxy.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A client credential of the configuration: a name for logs and metrics, the SHA-256 of the secret
 * (never the secret), and what binds it (team, user, models, budget, limits).
 */
public record ClientKey(String name, byte[] sha256, KeyPolicy policy) {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });

  /** A key bound by nothing but its secret. */
  public ClientKey(String name, byte[] sha256) {
    this(name, sha256, KeyPolicy.NONE);
  }

  /** The key for a plain-text token (as {@code API_AUTH_TOKEN} is given). */
  public static ClientKey ofToken(String name, String token) {
    return new ClientKey(name, sha256(token));
  }

  /** The same key bound by {@code policy}. */
  public ClientKey withPolicy(KeyPolicy policy) {
    return new ClientKey(name, sha256, policy);
  }

  /** SHA-256 of a token's UTF-8 bytes (every authenticated request hashes its token: one digest per thread). */
  public static byte[] sha256(String token) {
    return SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a 64-digit hex SHA-256. */
  public static byte[] parseHex(String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException("expected 64 hex digits");
    }
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public String toString() {
    return "ClientKey[" + name + "]";
  }
}
