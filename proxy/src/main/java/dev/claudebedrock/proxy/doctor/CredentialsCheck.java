package dev.claudebedrock.proxy.doctor;

import dev.claudebedrock.proxy.bedrock.CredentialSources;
import dev.claudebedrock.proxy.bedrock.CredentialsCache;
import dev.claudebedrock.proxy.bedrock.SigV4Auth;
import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.ConfigException;
import dev.claudebedrock.proxy.config.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Resolves AWS credentials from the same sources, in the same order, as the gateway. */
final class CredentialsCheck {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final List<String> HOW_TO_GIVE_CREDENTIALS = List.of(
      "Static keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID_FILE and "
          + "AWS_SECRET_ACCESS_KEY_FILE naming Docker or Kubernetes secrets).",
      "A role: IRSA on EKS (the service account sets AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE), an ECS task "
          + "role, or an EC2 instance profile (the container must reach the instance metadata service).",
      "A profile: AWS_PROFILE with ~/.aws mounted read-only (for SSO profiles, run aws sso login first).",
      "A Bedrock API key instead of SigV4: AWS_BEARER_TOKEN_BEDROCK.");

  private CredentialsCheck() {}

  /**
   * Resolves credentials through the gateway's own cache; empty (and a problem reported) when none
   * can be had. The caller closes the cache.
   */
  static Optional<CredentialsCache> run(AwsConfig aws, Environment env, Report report) {
    Optional<String> halfPair = halfOfAKeyPair(env);
    if (halfPair.isPresent()) {
      report.fail("AWS credentials", halfPair.get(), List.of(
          "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or both _FILE forms), or neither to use a role or "
              + "profile."));
      return Optional.empty();
    }
    String source = source(aws, env);
    CredentialsCache cache = new CredentialsCache("doctor", CredentialSources.forConfig(aws, env));
    try {
      cache.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      cache.close();
      report.fail("AWS credentials", "resolving them (" + source + ") took more than " + TIMEOUT.toSeconds()
          + " s: an SSO, STS or instance-metadata call is not answering", HOW_TO_GIVE_CREDENTIALS);
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      cache.close();
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    AwsCredentials credentials = cache.current();
    if (credentials == null) {
      cache.close();
      report.fail("AWS credentials", "none found (" + source + "): " + cache.lastError(), HOW_TO_GIVE_CREDENTIALS);
      return Optional.empty();
    }
    String detail = new SigV4Auth(cache, aws.region(), "bedrock").describe() + ", from " + source
        + (credentials instanceof AwsSessionCredentials ? ", temporary" : "");
    Optional<Instant> expiry = credentials.expirationTime();
    if (expiry.isPresent() && expiry.get().isBefore(Instant.now())) {
      cache.close();
      report.fail("AWS credentials", detail + ", expired at " + expiry.get(), List.of(
          "Refresh the temporary credentials (aws sso login, assume the role again), or use a role the gateway "
              + "refreshes itself (IRSA, ECS task role, instance profile)."));
      return Optional.empty();
    }
    report.ok("AWS credentials", detail + expiry.map(at -> ", expires " + at).orElse(""));
    return Optional.of(cache);
  }

  private static Optional<String> halfOfAKeyPair(Environment env) {
    try {
      boolean id = env.lookup("AWS_ACCESS_KEY_ID").isPresent();
      boolean secret = env.lookup("AWS_SECRET_ACCESS_KEY").isPresent();
      if (id != secret) {
        return Optional.of((id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is set but "
            + (id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") + " is not");
      }
      return Optional.empty();
    } catch (ConfigException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String source(AwsConfig aws, Environment env) {
    Optional<Environment.Setting> id = env.lookup("AWS_ACCESS_KEY_ID");
    if (id.isPresent() && env.lookup("AWS_SECRET_ACCESS_KEY").isPresent()) {
      return id.get().origin();
    }
    if (!aws.profile().isEmpty()) {
      return "profile " + aws.profile();
    }
    return "the default chain (environment, profiles, SSO, web identity, container or instance metadata)";
  }
}
