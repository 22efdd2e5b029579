package dev.claudebedrock.proxy.config;

import java.util.regex.Pattern;

/**
 * Where and as whom the gateway calls Bedrock.
 *
 * @param region the AWS region ({@code AWS_REGION})
 * @param endpoint Bedrock Runtime base URL ({@code BEDROCK_ENDPOINT}); the regional endpoint when unset
 * @param controlPlaneEndpoint Bedrock control-plane base URL (inference profiles)
 * @param stsEndpoint STS base URL ({@code AWS_ENDPOINT_URL_STS}) for identity checks; the regional endpoint when unset
 * @param bearerToken a Bedrock API key ({@code AWS_BEARER_TOKEN_BEDROCK}); SigV4 with the credential chain when empty
 * @param profile a named profile of the shared AWS config files; the default chain when empty
 */
public record AwsConfig(
    String region, Endpoint endpoint, Endpoint controlPlaneEndpoint, Endpoint stsEndpoint, String bearerToken,
    String profile) {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

  static AwsConfig read(ConfigSection s) {
    String region = s.string("region", "us-east-1");
    if (!REGION.matcher(region).matches()) {
      throw s.invalid("region", region, "an AWS region name such as us-east-1 or eu-west-1");
    }
    Endpoint endpoint = s.parsed("endpoint", Endpoint.bedrockRuntime(region), Endpoint::parse,
        "an http(s) base URL such as https://bedrock-runtime." + region + ".amazonaws.com");
    Endpoint controlPlane = s.parsed("control_plane_endpoint", Endpoint.bedrockControlPlane(region), Endpoint::parse,
        "an http(s) base URL such as https://bedrock." + region + ".amazonaws.com");
    Endpoint sts = s.parsed("sts_endpoint", Endpoint.sts(region), Endpoint::parse,
        "an http(s) base URL such as https://sts." + region + ".amazonaws.com");
    AwsConfig config = new AwsConfig(region, endpoint, controlPlane, sts, s.secret("bearer_token"),
        s.string("profile", ""));
    s.finish();
    return config;
  }

  /** Whether requests carry a Bedrock API key instead of a SigV4 signature. */
  public boolean usesBearerToken() {
    return !bearerToken.isEmpty();
  }

  @Override
  public String toString() {
    return "AwsConfig[region=" + region + ", endpoint=" + endpoint + ", controlPlaneEndpoint=" + controlPlaneEndpoint
        + ", stsEndpoint=" + stsEndpoint + ", bearerToken=" + (bearerToken.isEmpty() ? "unset" : "<redacted>")
        + ", profile=" + profile + "]";
  }
}
