package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.Environment;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Chooses where AWS credentials come from: static keys given as {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY} (or their {@code _FILE} forms, for Docker and Kubernetes secrets),
 * a named profile, or else the SDK's default chain (environment, profiles, SSO, web identity/IRSA,
 * container and instance metadata).
 */
public final class CredentialSources {
  private CredentialSources() {}

  /** The provider for a deployment. */
  public static AwsCredentialsProvider forConfig(AwsConfig aws, Environment env) {
    Optional<AwsCredentialsProvider> fixed = staticKeys(env);
    if (fixed.isPresent()) {
      return fixed.get();
    }
    if (!aws.profile().isEmpty()) {
      return ProfileCredentialsProvider.builder().profileName(aws.profile()).build();
    }
    return DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(false).build();
  }

  /** Static keys from the environment, if both parts are there. */
  static Optional<AwsCredentialsProvider> staticKeys(Environment env) {
    Optional<String> id = env.lookup("AWS_ACCESS_KEY_ID").map(Environment.Setting::value);
    Optional<String> secret = env.lookup("AWS_SECRET_ACCESS_KEY").map(Environment.Setting::value);
    if (id.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> session = env.lookup("AWS_SESSION_TOKEN").map(Environment.Setting::value);
    return Optional.of(StaticCredentialsProvider.create(session.isPresent()
        ? AwsSessionCredentials.create(id.get(), secret.get(), session.get())
        : AwsBasicCredentials.create(id.get(), secret.get())));
  }
}
