package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.AwsSharedFiles;
import dev.claudebedrock.proxy.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSupplier;

/**
 * Chooses where AWS credentials come from: static keys given as {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY} (or their {@code _FILE} forms, for Docker and Kubernetes secrets),
 * a named profile, or else the SDK's default chain (environment, profiles, SSO, web identity/IRSA,
 * container and instance metadata). Profiles are read from the files the gateway's environment names
 * ({@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE}), reread when they change.
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
      return forProfile(aws.profile(), env);
    }
    return DefaultCredentialsProvider.builder().profileFile(profileFiles(env)).asyncCredentialUpdateEnabled(false)
        .build();
  }

  /** The provider of a named profile of the shared files. */
  public static AwsCredentialsProvider forProfile(String profile, Environment env) {
    return ProfileCredentialsProvider.builder().profileFile(profileFiles(env)).profileName(profile).build();
  }

  /**
   * Static keys from the environment, if both parts are there; given as files ({@code AWS_ACCESS_KEY_ID_FILE}, ...),
   * they are read again each time the credentials are asked for, so a rotated secret is picked up.
   */
  static Optional<AwsCredentialsProvider> staticKeys(Environment env) {
    if (keysIn(env).isEmpty()) {
      return Optional.empty();
    }
    if (env.variables().keySet().stream().noneMatch(name -> name.startsWith("AWS_") && name.endsWith("_FILE"))) {
      return Optional.of(StaticCredentialsProvider.create(keysIn(env).get()));
    }
    return Optional.of(() -> keysIn(env).orElseThrow(() -> new IllegalStateException(
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or their _FILE forms) no longer give both keys")));
  }

  private static Optional<AwsCredentials> keysIn(Environment env) {
    Optional<String> id = env.lookup("AWS_ACCESS_KEY_ID").map(Environment.Setting::value);
    Optional<String> secret = env.lookup("AWS_SECRET_ACCESS_KEY").map(Environment.Setting::value);
    if (id.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> session = env.lookup("AWS_SESSION_TOKEN").map(Environment.Setting::value);
    return Optional.of(session.isPresent() ? AwsSessionCredentials.create(id.get(), secret.get(), session.get())
        : AwsBasicCredentials.create(id.get(), secret.get()));
  }

  /** The shared config and credentials files that exist, each reread when it changes (refreshed SSO, rotated keys). */
  private static Supplier<ProfileFile> profileFiles(Environment env) {
    List<ProfileFileSupplier> files = new ArrayList<>(2);
    addIfPresent(files, AwsSharedFiles.configFile(env), ProfileFile.Type.CONFIGURATION);
    addIfPresent(files, AwsSharedFiles.credentialsFile(env), ProfileFile.Type.CREDENTIALS);
    return files.isEmpty() ? ProfileFileSupplier.fixedProfileFile(ProfileFile.aggregator().build())
        : ProfileFileSupplier.aggregate(files.toArray(ProfileFileSupplier[]::new));
  }

  private static void addIfPresent(List<ProfileFileSupplier> files, Path path, ProfileFile.Type type) {
    if (Files.isRegularFile(path)) {
      files.add(ProfileFileSupplier.reloadWhenModified(path, type));
    }
  }
}
