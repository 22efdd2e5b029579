package dev.claudebedrock.proxy.config;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A Bedrock deployment requests can go to: a region of an account, with its own credentials.
 *
 * @param name how routes refer to it (letters, digits, {@code _}; {@code default} is the one {@code aws} describes)
 * @param region its region
 * @param endpoint Bedrock Runtime base URL (its key, else its profile's {@code endpoint_url} settings in the shared
 *     config file, else the region's)
 * @param controlPlaneEndpoint Bedrock control-plane base URL (likewise)
 * @param profile a named profile of the shared AWS config files, or empty
 * @param roleArn an IAM role to assume with STS (from the default chain or {@code profile}), or empty
 * @param externalId the external id the role's trust policy asks for, or empty
 * @param bearerToken a Bedrock API key instead of SigV4, or empty
 * @param geoPrefix the inference-profile prefix for foundation-model ids there ({@code auto} from the region)
 * @param api which API its Messages requests use: InvokeModel (the default) or Bedrock's native Messages API
 * @param mantleEndpoint the native Messages API's base URL there, path included (its key, else the region's
 *     {@code https://bedrock-mantle.<region>.api.aws/anthropic})
 */
public record TargetConfig(String name, String region, Endpoint endpoint, Endpoint controlPlaneEndpoint, String profile,
    String roleArn, String externalId, String bearerToken, String geoPrefix, UpstreamApi api, Endpoint mantleEndpoint) {
  /** The name of the target the {@code aws} section describes. */
  public static final String DEFAULT = "default";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
  private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  /** The default target, from the {@code aws} section. */
  static TargetConfig fromAws(AwsConfig aws, String geoPrefix) {
    return new TargetConfig(DEFAULT, aws.region(), aws.endpoint(), aws.controlPlaneEndpoint(), aws.profile(), "", "",
        aws.bearerToken(), geoPrefix, aws.api(), aws.mantleEndpoint());
  }

  static TargetConfig read(String name, ConfigSection s, AwsConfig aws) {
    if (!NAME.matcher(name).matches() || name.equals(DEFAULT)) {
      throw new ConfigException("Invalid configuration: target name \"" + name + "\" in " + s.path()
          + ": expected lower-case letters, digits and _ (1-32, starting with a letter), other than \"default\","
          + " which the aws section describes");
    }
    String region = s.string("region", aws.region());
    if (!REGION.matcher(region).matches()) {
      throw s.invalid("region", region, "an AWS region name such as us-west-2");
    }
    // Only the target's own profile speaks for its endpoints: the process-wide AWS_ENDPOINT_URL_* variables
    // describe the aws section's target and would send every region to one host.
    String profile = s.string("profile", "");
    SdkEndpointConventions sdk = new SdkEndpointConventions(s.environment(), profile, false);
    Supplier<Optional<Environment.Setting>> runtime = () -> profile.isEmpty() ? Optional.empty()
        : sdk.endpointUrl(AwsConfig.RUNTIME_SERVICE);
    Supplier<Optional<Environment.Setting>> controlPlane = () -> profile.isEmpty() ? Optional.empty()
        : sdk.endpointUrl(AwsConfig.CONTROL_PLANE_SERVICE);
    TargetConfig target = new TargetConfig(name, region,
        s.endpoint("endpoint", runtime, Endpoint.bedrockRuntime(region)),
        s.endpoint("control_plane_endpoint", controlPlane, Endpoint.bedrockControlPlane(region)),
        profile,
        s.string("role_arn", ""),
        s.string("external_id", ""),
        s.secret("bearer_token"),
        s.oneOf("geo_prefix", "auto", ModelsConfig.GEO_PREFIXES),
        s.choice("api", UpstreamApi.INVOKE),
        s.endpoint("mantle_endpoint", Optional::empty, Endpoint.bedrockMantle(region)));
    if (!target.roleArn().isEmpty() && !ROLE.matcher(target.roleArn()).matches()) {
      throw s.invalid("role_arn", target.roleArn(),
          "an IAM role ARN such as arn:aws:iam::123456789012:role/bedrock-caller");
    }
    if (!target.bearerToken().isEmpty() && !target.roleArn().isEmpty()) {
      throw s.invalid("role_arn", target.roleArn(),
          "no role when bearer_token is set: a Bedrock API key is not signed");
    }
    s.finish();
    return target;
  }

  @Override
  public String toString() {
    return "TargetConfig[" + name + ", " + region + ", " + (api == UpstreamApi.MANTLE ? mantleEndpoint : endpoint)
        + (roleArn.isEmpty() ? "" : ", role " + roleArn)
        + (bearerToken.isEmpty() ? "" : ", API key") + "]";
  }
}
