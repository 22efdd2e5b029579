package dev.claudebedrock.proxy.config;

import java.nio.file.Path;

/**
 * The AWS SDKs' shared files as the gateway's environment names them: {@code AWS_CONFIG_FILE} (else
 * {@code ~/.aws/config}) and {@code AWS_SHARED_CREDENTIALS_FILE} (else {@code ~/.aws/credentials}), {@code ~}
 * being {@code HOME}.
 */
public final class AwsSharedFiles {
  private AwsSharedFiles() {}

  /** The shared config file (profiles, SSO sessions, endpoint settings). */
  public static Path configFile(Environment env) {
    return env.lookup("AWS_CONFIG_FILE").map(s -> expandHome(env, s.value()))
        .orElseGet(() -> home(env).resolve(".aws").resolve("config"));
  }

  /** The shared credentials file. */
  public static Path credentialsFile(Environment env) {
    return env.lookup("AWS_SHARED_CREDENTIALS_FILE").map(s -> expandHome(env, s.value()))
        .orElseGet(() -> home(env).resolve(".aws").resolve("credentials"));
  }

  private static Path expandHome(Environment env, String value) {
    if (value.equals("~")) {
      return home(env);
    }
    return value.startsWith("~/") ? home(env).resolve(value.substring(2)) : Path.of(value);
  }

  private static Path home(Environment env) {
    return env.lookup("HOME").map(s -> Path.of(s.value())).orElseGet(() -> Path.of(System.getProperty("user.home")));
  }
}
