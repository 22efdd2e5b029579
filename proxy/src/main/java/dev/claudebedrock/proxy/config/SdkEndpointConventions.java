package dev.claudebedrock.proxy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where the AWS SDKs look for a service's endpoint when the program itself sets none, in their
 * order: {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, then the shared config
 * file's profile: the {@code services} section it names ({@code <service> = endpoint_url = …}) and
 * its own {@code endpoint_url}. {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true} (or the profile's
 * {@code ignore_configured_endpoint_urls = true}) turns all of them off. The gateway's own keys
 * ({@code aws.endpoint}, ...) come before these, as an endpoint set in code does for an SDK.
 */
final class SdkEndpointConventions {
  private final Environment env;
  private final String profileName;
  private final boolean variables;
  private Optional<Profile> profile;
  private ProfileFile file;
  private Path path;

  /**
   * @param profileName the profile of the shared config file ({@code aws.profile}); {@code default} when empty
   * @param variables whether the process-wide variables apply (the {@code aws} section), or only the profile (a target
   *     of {@code gateway.targets} naming its own profile)
   */
  SdkEndpointConventions(Environment env, String profileName, boolean variables) {
    this.env = env;
    this.profileName = profileName.isEmpty() ? "default" : profileName;
    this.variables = variables;
  }

  /**
   * The endpoint configured for a service by its SDK identifier in the config file's spelling ({@code bedrock_runtime},
   * {@code bedrock}, {@code sts}), with where it came from; empty when none is.
   */
  Optional<Environment.Setting> endpointUrl(String service) {
    if (ignored()) {
      return Optional.empty();
    }
    if (variables) {
      Optional<Environment.Setting> specific = env.lookup("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT));
      if (specific.isPresent()) {
        return specific;
      }
      Optional<Environment.Setting> global = env.lookup("AWS_ENDPOINT_URL");
      if (global.isPresent()) {
        return global;
      }
    }
    Optional<Profile> p = profile();
    if (p.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> sectionName = p.get().property("services");
    if (sectionName.isPresent()) {
      Optional<String> url = file.getSection("services", sectionName.get())
          .flatMap(section -> section.property(service + ".endpoint_url"));
      if (url.isPresent()) {
        return Optional.of(new Environment.Setting(url.get(), "the AWS config file " + path + ", [services "
            + sectionName.get() + "] " + service + ".endpoint_url (profile " + profileName + ")"));
      }
    }
    return p.get().property("endpoint_url").map(url -> new Environment.Setting(url,
        "the AWS config file " + path + ", endpoint_url of profile " + profileName));
  }

  private boolean ignored() {
    if (variables) {
      Optional<Environment.Setting> flag = env.lookup("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
      if (flag.isPresent()) {
        return flag.get().value().strip().equalsIgnoreCase("true");
      }
    }
    return profile().flatMap(p -> p.property("ignore_configured_endpoint_urls"))
        .map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
  }

  private Optional<Profile> profile() {
    if (profile == null) {
      path = AwsSharedFiles.configFile(env);
      file = read(path);
      profile = file == null ? Optional.empty() : file.profile(profileName);
    }
    return profile;
  }

  private static ProfileFile read(Path path) {
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try {
      return ProfileFile.builder().content(path).type(ProfileFile.Type.CONFIGURATION).build();
    } catch (RuntimeException e) {
      throw new ConfigException("The AWS config file " + path + " cannot be read: " + e.getMessage(), e);
    }
  }
}
