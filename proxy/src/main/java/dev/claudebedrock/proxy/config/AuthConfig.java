package dev.claudebedrock.proxy.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call the gateway: {@code API_AUTH_TOKEN} and named keys stored as SHA-256 hashes.
 *
 * @param keys every accepted credential (the API token appears as the key named {@code api-auth-token}), each
 *     with its team, user, models, budget and limits ({@code auth.keys[].team}, ..., and
 *     {@code auth.api_auth_token_policy} for the API token)
 * @param healthRequiresToken whether {@code GET /health} needs a credential (production)
 * @param metricsRequiresToken whether {@code GET /metrics} needs a credential
 * @param allowAnonymous serve the Messages API without any credential (explicit opt-in, logged loudly)
 * @param passthroughAllowAnonymous serve {@code /bedrock/**} without a credential (explicit opt-in)
 * @param oidc sign-in with the identity provider's tokens ({@code auth.oidc})
 */
public record AuthConfig(
    List<ClientKey> keys,
    boolean healthRequiresToken,
    boolean metricsRequiresToken,
    boolean allowAnonymous,
    boolean passthroughAllowAnonymous,
    OidcConfig oidc) {
  /** Name under which the {@code API_AUTH_TOKEN} credential appears in logs and metrics. */
  public static final String API_TOKEN_KEY_NAME = "api-auth-token";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public AuthConfig {
    keys = List.copyOf(keys);
  }

  static AuthConfig read(ConfigSection s) {
    List<ClientKey> keys = new ArrayList<>();
    String token = s.secret("api_auth_token");
    if (!token.isEmpty()) {
      if (token.length() < 16) {
        throw s.invalid("api_auth_token", "<redacted>", "a token of at least 16 characters (API_AUTH_TOKEN)");
      }
      ConfigSection policy = s.section("api_auth_token_policy");
      keys.add(ClientKey.ofToken(API_TOKEN_KEY_NAME, token).withPolicy(KeyPolicy.read(policy, true, true)));
      policy.finish();
    }
    Set<String> names = new HashSet<>(Set.of(API_TOKEN_KEY_NAME));
    for (ConfigSection key : s.sections("keys")) {
      String name = key.string("name", "");
      if (!NAME.matcher(name).matches()) {
        throw key.invalid("name", name, "a name of 1-64 letters, digits, '.', '_' or '-'");
      }
      if (!names.add(name)) {
        throw key.invalid("name", name, "a name not used by another key (" + API_TOKEN_KEY_NAME + " is reserved)");
      }
      String hex = key.string("sha256", "");
      byte[] hash = key.parsed("sha256", null, ClientKey::parseHex,
          "the SHA-256 of the key as 64 hex digits (printf %s \"$KEY\" | sha256sum)");
      if (hash == null) {
        throw key.invalid("sha256", hex, "the SHA-256 of the key as 64 hex digits (printf %s \"$KEY\" | sha256sum)");
      }
      keys.add(new ClientKey(name, hash, KeyPolicy.read(key, true, true)));
      key.finish();
    }
    AuthConfig config = new AuthConfig(
        keys,
        s.bool("health_requires_token", false),
        s.bool("metrics_requires_token", false),
        s.bool("allow_anonymous", false),
        s.bool("passthrough_allow_anonymous", false),
        oidcSection(s));
    s.finish();
    return config;
  }

  private static OidcConfig oidcSection(ConfigSection s) {
    ConfigSection oidc = s.section("oidc");
    return OidcConfig.read(oidc);
  }

  /**
   * Refuses a configuration that would let nobody in: no token, no key, no admin API to create keys
   * with, no database holding keys, and anonymous access not allowed.
   */
  void requireSomeCredential(GovernanceConfig governance) {
    boolean storedKeys = governance.adminEnabled() || !governance.databaseUrl().isEmpty();
    if (keys.isEmpty() && !allowAnonymous && !storedKeys && !oidc.enabled()) {
      throw new ConfigException(
          "No client credential is configured: set API_AUTH_TOKEN (or API_AUTH_TOKEN_FILE), or list keys under "
              + "auth.keys, or set ADMIN_API_TOKEN to create keys through the admin API, or set "
              + "auth.allow_anonymous: true to serve without authentication");
    }
    if ((healthRequiresToken || metricsRequiresToken) && keys.isEmpty() && !storedKeys) {
      throw new ConfigException(
          "auth.health_requires_token / auth.metrics_requires_token need a credential: set API_AUTH_TOKEN or auth.keys");
    }
  }
}
