package dev.claudebedrock.proxy.core;

/**
 * Who a request comes from, as authentication established it. Stages that decide by client (routing
 * rules, the cache's partition, limits and budgets) read this, never the access log's record.
 *
 * @param key the name of the credential presented ({@code api-auth-token}, a named key, a key of the store), or
 *     {@code anonymous}
 * @param keyId the credential's id: {@code key_…} for keys of the store, {@code cfg:<name>} for the configuration's
 * @param teamId the team's id, or empty
 * @param team the team's name, or empty
 * @param user who uses the key (an e-mail address, say), or empty
 * @param status whether the credential may be used now
 */
public record Identity(String key, String keyId, String teamId, String team, String user, Status status) {
  /** Where authentication leaves the identity. */
  public static final AttributeKey<Identity> KEY = AttributeKey.named("identity");

  /** A request let in without a credential, where the operator allows that. */
  public static final Identity ANONYMOUS = new Identity("anonymous", "anonymous", "", "", "", Status.ACTIVE);

  /** Whether a credential may be used. */
  public enum Status {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  /** A configured credential with no team or user. */
  public static Identity configured(String name) {
    return new Identity(name, "cfg:" + name, "", "", "", Status.ACTIVE);
  }
}
