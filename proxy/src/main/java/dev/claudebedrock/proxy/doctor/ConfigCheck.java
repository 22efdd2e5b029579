package dev.claudebedrock.proxy.doctor;

import dev.claudebedrock.proxy.config.AuthConfig;
import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.ConfigException;
import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Loads the configuration exactly as the gateway does at start-up, and says what it found. */
final class ConfigCheck {
  private ConfigCheck() {}

  static Optional<ProxyConfig> run(Optional<Path> file, Environment env, Report report) {
    ProxyConfig config;
    try {
      config = ConfigLoader.load(file, env);
    } catch (ConfigException e) {
      report.fail("Configuration", e.getMessage(), List.of(
          "Correct the key or environment variable the message names; every key is listed with its variable and "
              + "default in .claude/bedrock.config.yaml (/app/.claude/bedrock.config.yaml in the image).",
          "Secrets can come from files: API_AUTH_TOKEN_FILE=/run/secrets/api_auth_token (Docker and Kubernetes secrets)."));
      return Optional.empty();
    }
    AwsConfig aws = config.aws();
    report.ok("Configuration", "read from " + config.source() + "; region " + aws.region() + ", Bedrock "
        + aws.endpoint() + ", " + config.models().entries().size() + " models served");
    AuthConfig auth = config.auth();
    if (auth.keys().isEmpty()) {
      report.warn("Client authentication", "anonymous (auth.allow_anonymous): anyone who reaches the port can spend "
          + "this account's Bedrock quota",
          List.of("Set API_AUTH_TOKEN (16+ characters) or list keys under auth.keys."));
    } else {
      report.ok("Client authentication",
          auth.keys().size() + (auth.keys().size() == 1 ? " client credential" : " client credentials")
              + "; /health " + (auth.healthRequiresToken() ? "needs" : "does not need") + " a token, /metrics "
              + (auth.metricsRequiresToken() ? "needs" : "does not need") + " one");
    }
    return Optional.of(config);
  }
}
