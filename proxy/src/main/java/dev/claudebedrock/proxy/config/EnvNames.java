package dev.claudebedrock.proxy.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Environment variable names for configuration keys.
 *
 * <p>Every key has a generic name ({@code server.max_body_mb} → {@code BEDROCK_PROXY_SERVER_MAX_BODY_MB});
 * the names the outside world already uses ({@code PORT}, {@code AWS_REGION}, {@code API_AUTH_TOKEN},
 * ...) come first and win over the generic ones.
 */
public final class EnvNames {
  /** Prefix of the generic variable names. */
  public static final String PREFIX = "BEDROCK_PROXY_";

  private static final Map<String, List<String>> WELL_KNOWN = Map.ofEntries(
      Map.entry("server.port", List.of("PORT")),
      Map.entry("aws.region", List.of("AWS_REGION", "AWS_DEFAULT_REGION")),
      Map.entry("aws.endpoint", List.of("BEDROCK_ENDPOINT")),
      Map.entry("aws.control_plane_endpoint", List.of("BEDROCK_CONTROL_PLANE_ENDPOINT")),
      Map.entry("aws.bearer_token", List.of("AWS_BEARER_TOKEN_BEDROCK")),
      Map.entry("aws.profile", List.of("AWS_PROFILE")),
      Map.entry("auth.api_auth_token", List.of("API_AUTH_TOKEN")),
      Map.entry("admin.token", List.of("ADMIN_API_TOKEN")),
      Map.entry("database.url", List.of("DATABASE_URL")),
      Map.entry("cache.redis_url", List.of("REDIS_URL")),
      Map.entry("upstream.ca_bundle", List.of("AWS_CA_BUNDLE")),
      Map.entry("logging.level", List.of("LOG_LEVEL")),
      Map.entry("logging.debug", List.of("DEBUG")));

  private static final java.util.Set<String> AWS_STATIC_KEYS = java.util.Set.of("AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  private EnvNames() {}

  /** The variable names consulted for a key, most specific first. */
  public static List<String> forPath(String path) {
    String generic = generic(path);
    List<String> known = WELL_KNOWN.get(path);
    if (known == null) {
      return List.of(generic);
    }
    return java.util.stream.Stream.concat(known.stream(), java.util.stream.Stream.of(generic)).toList();
  }

  /** The generic variable name of a key. */
  public static String generic(String path) {
    return PREFIX + path.replaceAll("\\[\\d+]", "").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Whether a variable gives configuration: a well-known name, a generic {@code BEDROCK_PROXY_…} name, or the AWS
   * static keys (not, say, {@code AWS_WEB_IDENTITY_TOKEN}, which the credential chain reads on its own).
   */
  public static boolean isConfigurationVariable(String name) {
    return name.startsWith(PREFIX) || AWS_STATIC_KEYS.contains(name)
        || WELL_KNOWN.values().stream().anyMatch(names -> names.contains(name));
  }

  /** Whether a key holds a secret whose value must never be echoed. */
  public static boolean isSecret(String path) {
    String last = path.substring(path.lastIndexOf('.') + 1);
    return last.contains("token") || last.contains("secret") || last.contains("password") || last.equals("redis_url")
        || path.equals("database.url") || last.contains("webhook");
  }
}
