package dev.claudebedrock.sim.testing;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS SDK clients pointed at a simulator with its test credentials. Retries are off: a test that scripts one
 * fault wants to see that fault, not the SDK's recovery from it.
 */
public final class SdkClients {
  private SdkClients() {}

  /** The default test credentials. */
  public static AwsCredentialsProvider testCredentials() {
    return credentials(SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
  }

  /** Static credentials. */
  public static AwsCredentialsProvider credentials(String accessKeyId, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
  }

  /** A synchronous runtime client (URL-connection HTTP client) with the test credentials. */
  public static BedrockRuntimeClient runtime(BedrockSimulator sim) {
    return runtime(sim, testCredentials());
  }

  /** A synchronous runtime client with the given credentials. */
  public static BedrockRuntimeClient runtime(BedrockSimulator sim, AwsCredentialsProvider credentials) {
    return BedrockRuntimeClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(sim.baseUrl()))
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(20)))
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** An asynchronous runtime client (Netty, HTTP/1.1) with the test credentials. */
  public static BedrockRuntimeAsyncClient runtimeAsync(BedrockSimulator sim) {
    return BedrockRuntimeAsyncClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(sim.baseUrl()))
        .credentialsProvider(testCredentials())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** A Bedrock control-plane client. */
  public static BedrockClient controlPlane(BedrockSimulator sim) {
    return BedrockClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(sim.baseUrl()))
        .credentialsProvider(testCredentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** An STS client with the given credentials. */
  public static StsClient sts(BedrockSimulator sim, AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(sim.baseUrl()))
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }
}
