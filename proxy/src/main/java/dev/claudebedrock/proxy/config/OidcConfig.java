package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Sign-in with the company's identity provider: clients present the provider's JWT (an ID or access token) as
 * their bearer token; the gateway checks it against the issuer's published keys and maps its groups to teams.
 *
 * @param issuer the {@code iss} the tokens must carry, and where discovery looks ({@code <issuer>/.well-known/openid-configuration}); empty: off
 * @param audience the {@code aud} the tokens must include (the client id registered for the gateway)
 * @param jwksUrl where the issuer's keys are; empty: from discovery
 * @param userClaim the claim naming the user ({@code email})
 * @param groupsClaim the claim listing the user's groups ({@code groups})
 * @param groupTeams IdP group → governance team, in order: the first group the user is in decides the team
 * @param defaultTeam the team of a user in none of those groups; empty: such a user is refused
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 */
public record OidcConfig(String issuer, String audience, String jwksUrl, String userClaim, String groupsClaim,
    Map<String, String> groupTeams, String defaultTeam, Duration clockSkew) {

  public OidcConfig {
    groupTeams = Map.copyOf(groupTeams);
  }

  /** Whether sign-in with the identity provider is on. */
  public boolean enabled() {
    return !issuer.isEmpty();
  }

  static OidcConfig read(ConfigSection s) {
    OidcConfig config = new OidcConfig(
        s.string("issuer", "").strip(),
        s.string("audience", "").strip(),
        s.string("jwks_url", "").strip(),
        s.string("user_claim", "email"),
        s.string("groups_claim", "groups"),
        new java.util.LinkedHashMap<>(s.stringMap("group_teams", Map.of())),
        s.string("default_team", ""),
        s.duration("clock_skew_seconds", 60, 0, 600, ChronoUnit.SECONDS));
    if (config.enabled()) {
      if (!config.issuer.matches("https?://.+")) {
        throw s.invalid("issuer", config.issuer, "the issuer's URL, as its tokens' iss claim has it");
      }
      if (config.audience.isEmpty()) {
        throw s.invalid("audience", "", "the client id the identity provider issues the gateway's tokens for");
      }
      if (!config.jwksUrl.isEmpty() && !config.jwksUrl.matches("https?://.+")) {
        throw s.invalid("jwks_url", config.jwksUrl, "an http:// or https:// URL (or empty for discovery)");
      }
    }
    s.finish();
    return config;
  }
}
