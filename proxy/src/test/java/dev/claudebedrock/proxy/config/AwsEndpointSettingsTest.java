package dev.claudebedrock.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints of Bedrock Runtime, Bedrock's control plane and STS: the gateway's own keys first (its variables, then
 * the file), then the AWS SDKs' settings in their order ({@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL},
 * the shared config file's services section, its profile's {@code endpoint_url}), then the region's endpoints.
 */
class AwsEndpointSettingsTest {
  private static final String TOKEN = "a-client-token-long-enough";

  @TempDir
  Path dir;

  @Test
  void withNothingSetTheRegionsEndpointsAreUsed() {
    AwsConfig aws = load("", Map.of("AWS_REGION", "eu-west-1")).aws();
    assertThat(aws.endpoint().url()).isEqualTo("https://bedrock-runtime.eu-west-1.amazonaws.com");
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("https://bedrock.eu-west-1.amazonaws.com");
    assertThat(aws.stsEndpoint().url()).isEqualTo("https://sts.eu-west-1.amazonaws.com");
    assertThat(aws.controlPlaneEndpoint().setting())
        .isEqualTo("aws.control_plane_endpoint (unset: the regional endpoint)");
  }

  @Test
  void awsEndpointUrlBedrockRuntimeSetsTheRuntimeOnly() {
    AwsConfig aws = load("", Map.of("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:9100")).aws();
    assertThat(aws.endpoint().url()).isEqualTo("http://127.0.0.1:9100");
    assertThat(aws.endpoint().setting())
        .isEqualTo("aws.endpoint, from environment variable AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("https://bedrock.us-east-1.amazonaws.com");
  }

  @Test
  void awsEndpointUrlBedrockSetsTheControlPlaneOnly() {
    AwsConfig aws = load("", Map.of("AWS_ENDPOINT_URL_BEDROCK", "https://vpce-1.bedrock.example:8443")).aws();
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("https://vpce-1.bedrock.example:8443");
    assertThat(aws.controlPlaneEndpoint().setting())
        .isEqualTo("aws.control_plane_endpoint, from environment variable AWS_ENDPOINT_URL_BEDROCK");
    assertThat(aws.endpoint().url()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
  }

  @Test
  void awsEndpointUrlSetsEveryServiceAndLosesToEachServicesOwnVariable() {
    AwsConfig aws = load("", Map.of("AWS_ENDPOINT_URL", "http://localstack:4566",
        "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://runtime:1", "AWS_ENDPOINT_URL_STS", "http://sts:2")).aws();
    assertThat(aws.endpoint().url()).isEqualTo("http://runtime:1");
    assertThat(aws.stsEndpoint().url()).isEqualTo("http://sts:2");
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("http://localstack:4566");
    assertThat(aws.controlPlaneEndpoint().setting())
        .isEqualTo("aws.control_plane_endpoint, from environment variable AWS_ENDPOINT_URL");
  }

  @Test
  void theGatewaysOwnNamesWinOverTheSdkVariables() {
    AwsConfig aws = load("", Map.of("BEDROCK_ENDPOINT", "http://own:1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
        "http://sdk:2", "BEDROCK_CONTROL_PLANE_ENDPOINT", "http://own:3", "AWS_ENDPOINT_URL_BEDROCK", "http://sdk:4"))
        .aws();
    assertThat(aws.endpoint().url()).isEqualTo("http://own:1");
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("http://own:3");
  }

  @Test
  void theFilesKeysWinOverTheSdkVariablesAsAnEndpointSetInCodeDoes() {
    AwsConfig aws = load("aws: {endpoint: 'http://file:1', sts_endpoint: 'http://file:2'}",
        Map.of("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://sdk:2", "AWS_ENDPOINT_URL", "http://sdk:3",
            "AWS_ENDPOINT_URL_STS", "http://sdk:4"))
        .aws();
    assertThat(aws.endpoint().url()).isEqualTo("http://file:1");
    assertThat(aws.endpoint().setting()).isEqualTo("aws.endpoint, from test.yaml");
    assertThat(aws.stsEndpoint().url()).isEqualTo("http://file:2");
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("http://sdk:3");
  }

  @Test
  void theSharedConfigFilesServicesSectionWinsOverItsProfilesEndpointUrl() throws Exception {
    Path config = sharedConfig("""
        [default]
        endpoint_url = http://profile-wide:1
        services = local-bedrock

        [services local-bedrock]
        bedrock_runtime =
          endpoint_url = http://runtime-section:2
        """);
    AwsConfig aws = load("", Map.of("AWS_CONFIG_FILE", config.toString())).aws();
    assertThat(aws.endpoint().url()).isEqualTo("http://runtime-section:2");
    assertThat(aws.endpoint().setting()).isEqualTo("aws.endpoint, from the AWS config file " + config
        + ", [services local-bedrock] bedrock_runtime.endpoint_url (profile default)");
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("http://profile-wide:1");
    assertThat(aws.controlPlaneEndpoint().setting())
        .isEqualTo(
            "aws.control_plane_endpoint, from the AWS config file " + config + ", endpoint_url of profile default");
  }

  @Test
  void theVariablesWinOverTheSharedConfigFile() throws Exception {
    Path config = sharedConfig("[default]\nendpoint_url = http://profile-wide:1\n");
    AwsConfig aws = load("", Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_ENDPOINT_URL", "http://env:2")).aws();
    assertThat(aws.endpoint().url()).isEqualTo("http://env:2");
  }

  @Test
  void awsProfileChoosesTheProfileOfTheSharedConfigFile() throws Exception {
    Path config = sharedConfig("""
        [default]
        endpoint_url = http://default-profile:1

        [profile vpc]
        services = vpc-endpoints

        [services vpc-endpoints]
        bedrock =
          endpoint_url = https://vpce-0abc.bedrock.us-east-1.vpce.amazonaws.com
        """);
    AwsConfig aws = load("", Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "vpc")).aws();
    assertThat(aws.controlPlaneEndpoint().url()).isEqualTo("https://vpce-0abc.bedrock.us-east-1.vpce.amazonaws.com");
    assertThat(aws.endpoint().url()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
  }

  @Test
  void theSharedConfigFileIsFoundUnderHome() throws Exception {
    Files.createDirectories(dir.resolve(".aws"));
    Files.writeString(dir.resolve(".aws/config"), "[default]\nendpoint_url = http://home:1\n");
    AwsConfig aws = load("", Map.of("HOME", dir.toString())).aws();
    assertThat(aws.endpoint().url()).isEqualTo("http://home:1");
  }

  @Test
  void ignoreConfiguredEndpointUrlsTurnsEverySdkSettingOff() throws Exception {
    Path config = sharedConfig("[default]\nendpoint_url = http://profile-wide:1\n");
    AwsConfig byVariable = load("", Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
        "http://env:2", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "BEDROCK_CONTROL_PLANE_ENDPOINT",
        "http://own:3")).aws();
    assertThat(byVariable.endpoint().url()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
    assertThat(byVariable.controlPlaneEndpoint().url()).isEqualTo("http://own:3");

    Path ignoring = sharedConfig(
        "[default]\nendpoint_url = http://profile-wide:1\nignore_configured_endpoint_urls = true\n");
    AwsConfig byProfile = load("", Map.of("AWS_CONFIG_FILE", ignoring.toString(), "AWS_ENDPOINT_URL", "http://env:2"))
        .aws();
    assertThat(byProfile.endpoint().url()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
  }

  @Test
  void anInvalidUrlIsRefusedNamingTheVariableItCameFrom() {
    assertThatThrownBy(() -> load("", Map.of("AWS_ENDPOINT_URL_BEDROCK", "ftp://nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid configuration: aws.control_plane_endpoint = \"ftp://nope\" (from environment variable "
            + "AWS_ENDPOINT_URL_BEDROCK): expected an http(s) base URL such as https://bedrock.us-east-1.amazonaws.com");
  }

  @Test
  void aTargetOfItsOwnFollowsItsProfileButNotTheProcessWideVariables() throws Exception {
    Path config = sharedConfig("""
        [profile west]
        services = west

        [services west]
        bedrock_runtime =
          endpoint_url = http://west-runtime:1
        """);
    ProxyConfig loaded = load("""
        targets:
          west: {region: us-west-2, profile: west}
          east: {region: us-east-2}
        """, Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://default:2"));
    assertThat(loaded.gateway().targets().get("default").endpoint().url()).isEqualTo("http://default:2");
    assertThat(loaded.gateway().targets().get("west").endpoint().url()).isEqualTo("http://west-runtime:1");
    assertThat(loaded.gateway().targets().get("west").endpoint().setting())
        .startsWith("targets.west.endpoint, from the AWS config file");
    assertThat(loaded.gateway().targets().get("east").endpoint().url())
        .isEqualTo("https://bedrock-runtime.us-east-2.amazonaws.com");
  }

  private Path sharedConfig(String text) throws Exception {
    Path file = Files.createTempFile(dir, "aws-config", "");
    Files.writeString(file, text);
    return file;
  }

  private ProxyConfig load(String yaml, Map<String, String> vars) {
    Map<String, String> env = new HashMap<>(vars);
    env.put("API_AUTH_TOKEN", TOKEN);
    env.putIfAbsent("HOME", dir.resolve("no-home").toString());
    return ConfigLoader.fromYaml(yaml, "test.yaml", new Environment(env));
  }
}
