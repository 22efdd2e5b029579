package dev.claudebedrock.proxy.config;

/** The gateway's whole configuration, immutable once built and validated. */
public record ProxyConfig(
    ServerConfig server,
    AuthConfig auth,
    AwsConfig aws,
    UpstreamConfig upstream,
    ModelsConfig models,
    BedrockPolicyConfig bedrockPolicy,
    StreamingConfig streaming,
    PassthroughConfig passthrough,
    LoggingConfig logging,
    String source) {

  /** Reads every section from the root of a configuration tree; unknown keys are rejected. */
  static ProxyConfig read(ConfigSection root, String source) {
    ProxyConfig config = new ProxyConfig(
        ServerConfig.read(root.section("server")),
        AuthConfig.read(root.section("auth")),
        AwsConfig.read(root.section("aws")),
        UpstreamConfig.read(root.section("upstream")),
        ModelsConfig.read(root.section("models")),
        BedrockPolicyConfig.read(root.section("bedrock_policy")),
        StreamingConfig.read(root.section("streaming")),
        PassthroughConfig.read(root.section("passthrough")),
        LoggingConfig.read(root.section("logging")),
        source);
    root.finish();
    return config;
  }
}
