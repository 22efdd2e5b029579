package dev.claudebedrock.proxy.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and as whom the gateway calls Bedrock.
 *
 * @param region the AWS region ({@code AWS_REGION})
 * @param endpoint Bedrock Runtime base URL ({@code BEDROCK_ENDPOINT}, else the AWS SDKs' settings:
 *     {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}, {@code AWS_ENDPOINT_URL}, the shared config file); the regional
 *     endpoint when none is set
 * @param controlPlaneEndpoint Bedrock control-plane base URL, for inference profiles ({@code BEDROCK_CONTROL_PLANE_ENDPOINT},
 *     else {@code AWS_ENDPOINT_URL_BEDROCK}, {@code AWS_ENDPOINT_URL}, the shared config file)
 * @param stsEndpoint STS base URL for identity checks and assumed roles ({@code AWS_ENDPOINT_URL_STS},
 *     {@code AWS_ENDPOINT_URL}, the shared config file); the regional endpoint when unset
 * @param bearerToken a Bedrock API key ({@code AWS_BEARER_TOKEN_BEDROCK}); SigV4 with the credential chain when empty
 * @param profile a named profile of the shared AWS config files; the default chain when empty
 * @param api which API Messages requests use ({@code invoke} or {@code mantle})
 * @param mantleEndpoint the base URL of Bedrock's native Messages API, path included; the region's
 *     {@code https://bedrock-mantle.<region>.api.aws/anthropic} when unset (the AWS SDKs' endpoint settings, which
 *     name hosts without that path, do not apply)
 */
public record AwsConfig(
    String region, Endpoint endpoint, Endpoint controlPlaneEndpoint, Endpoint stsEndpoint, String bearerToken,
    String profile, UpstreamApi api, Endpoint mantleEndpoint) {
  /** The AWS SDKs' identifier of Bedrock Runtime ({@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}). */
  static final String RUNTIME_SERVICE = "bedrock_runtime";
  /** The AWS SDKs' identifier of Bedrock's control plane ({@code AWS_ENDPOINT_URL_BEDROCK}). */
  static final String CONTROL_PLANE_SERVICE = "bedrock";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

  static AwsConfig read(ConfigSection s) {
    String region = s.string("region", "us-east-1");
    if (!REGION.matcher(region).matches()) {
      throw s.invalid("region", region, "an AWS region name such as us-east-1 or eu-west-1");
    }
    String profile = s.string("profile", "");
    SdkEndpointConventions sdk = new SdkEndpointConventions(s.environment(), profile, true);
    Endpoint endpoint = s.endpoint("endpoint", () -> sdk.endpointUrl(RUNTIME_SERVICE), Endpoint.bedrockRuntime(region));
    Endpoint controlPlane = s.endpoint("control_plane_endpoint", () -> sdk.endpointUrl(CONTROL_PLANE_SERVICE),
        Endpoint.bedrockControlPlane(region));
    Endpoint sts = s.endpoint("sts_endpoint", () -> sdk.endpointUrl("sts"), Endpoint.sts(region));
    UpstreamApi api = s.choice("api", UpstreamApi.INVOKE);
    Endpoint mantle = s.endpoint("mantle_endpoint", Optional::empty, Endpoint.bedrockMantle(region));
    AwsConfig config = new AwsConfig(region, endpoint, controlPlane, sts, s.secret("bearer_token"), profile, api,
        mantle);
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
        + ", profile=" + profile + ", api=" + api.word() + ", mantleEndpoint=" + mantleEndpoint + "]";
  }
}
