package dev.claudebedrock.sim.auth;

import java.util.Objects;

/**
 * The one identity the simulated account accepts.
 *
 * @param accessKeyId     SigV4 access key id
 * @param secretAccessKey SigV4 secret
 * @param sessionToken    required {@code x-amz-security-token} value, or null when the credentials are long-term
 * @param apiKey          accepted Bedrock API key ({@code Authorization: Bearer}), or null to refuse bearer auth
 * @param region          the only region requests may be scoped to
 * @param accountId       the account id shown in ARNs and by STS
 */
public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, String apiKey,
    String region, String accountId) {
  public Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
  }
}
