package dev.claudebedrock.proxy.doctor;

import dev.claudebedrock.proxy.config.AwsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Asks STS who the credentials belong to: {@code aws sts get-caller-identity}, from inside the gateway. */
final class CallerIdentityCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private CallerIdentityCheck() {}

  static void run(AwsConfig aws, AwsCredentials credentials, Report report) {
    String endpoint = aws.stsEndpoint().url();
    try (StsClient sts = StsClient.builder()
        .region(Region.of(aws.region()))
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(
            UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(TIMEOUT).build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(TIMEOUT))
        .build()) {
      GetCallerIdentityResponse identity = sts.getCallerIdentity();
      report.ok("Caller identity", "account " + identity.account() + ", " + identity.arn() + " (STS " + endpoint + ")");
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      String detail = "STS " + endpoint + " refused the credentials: " + code + " (HTTP " + e.statusCode() + "): "
          + message;
      Optional<List<String>> fixes = Advice.forAuthError(code, message, aws.region());
      if (fixes.isPresent()) {
        report.fail("Caller identity", detail, fixes.get());
      } else {
        report.warn("Caller identity", detail, List.of(
            "STS GetCallerIdentity needs no permission; a refusal usually means an SCP or a VPC endpoint policy "
                + "denies it. The model checks below show whether Bedrock accepts the credentials."));
      }
    } catch (SdkClientException e) {
      List<String> fixes = new ArrayList<>(Advice.forConnectionFailure(e, endpoint, "AWS_ENDPOINT_URL_STS"));
      fixes.add("The gateway needs STS only for web identity (IRSA) and SSO credentials; the model checks below "
          + "show whether Bedrock itself is reachable.");
      report.warn("Caller identity", "could not ask STS at " + endpoint + ": " + Advice.describe(e), fixes);
    }
  }
}
