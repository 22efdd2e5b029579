package dev.claudebedrock.proxy.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.KeyPolicy;

/**
 * A key of the store, as kept: never its secret, only the secret's SHA-256 and enough of it to recognise.
 *
 * @param id {@code key_…}
 * @param name what the operator calls it
 * @param teamId the team's id, or empty
 * @param policy user, models, budget, limits (its {@code team} is unused: {@code teamId} is the link)
 * @param metadata free-form JSON object the operator attached
 * @param prefix the secret's first characters ({@code sk-cbp-} and four more)
 * @param lastFour the secret's last four characters
 * @param sha256 hex SHA-256 of the secret
 * @param previousSha256 hex SHA-256 of the secret it replaced in a rotation, or null
 * @param previousValidUntil until when (epoch ms) the replaced secret still works, or 0
 * @param expiresAt when the key stops working (epoch ms), or 0 for never
 * @param revokedAt when it was revoked (epoch ms), or 0
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record VirtualKey(String id, String name, String teamId, KeyPolicy policy, ObjectNode metadata, String prefix,
    String lastFour, String sha256, String previousSha256, long previousValidUntil, long expiresAt, long revokedAt,
    long createdAt, long updatedAt) {

  /** Whether the key has been revoked. */
  public boolean revoked() {
    return revokedAt > 0;
  }

  /** Whether the key has expired at {@code nowMillis}. */
  public boolean expired(long nowMillis) {
    return expiresAt > 0 && expiresAt <= nowMillis;
  }
}
