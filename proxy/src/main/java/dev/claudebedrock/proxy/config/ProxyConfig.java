package dev.claudebedrock.proxy.config;

/** The gateway's whole configuration, immutable once built and validated. */
public record ProxyConfig(
    ServerConfig server,
    AdmissionConfig admission,
    AuthConfig auth,
    AwsConfig aws,
    UpstreamConfig upstream,
    ModelsConfig models,
    BedrockPolicyConfig bedrockPolicy,
    StreamingConfig streaming,
    PassthroughConfig passthrough,
    GatewayConfig gateway,
    GovernanceConfig governance,
    PricingConfig pricing,
    LoggingConfig logging,
    ReloadConfig reload,
    TelemetryConfig telemetry,
    OpenAiConfig openai,
    String source) {

  /** Reads every section from the root of a configuration tree; unknown keys are rejected. */
  static ProxyConfig read(ConfigSection root, String source) {
    ServerConfig server = ServerConfig.read(root.section("server"));
    AuthConfig auth = AuthConfig.read(root.section("auth"));
    AwsConfig aws = AwsConfig.read(root.section("aws"));
    UpstreamConfig upstream = UpstreamConfig.read(root.section("upstream"));
    ModelsConfig models = ModelsConfig.read(root.section("models"));
    ProxyConfig config = new ProxyConfig(server, AdmissionConfig.read(root.section("admission")), auth, aws,
        upstream, models,
        BedrockPolicyConfig.read(root.section("bedrock_policy")),
        StreamingConfig.read(root.section("streaming")),
        PassthroughConfig.read(root.section("passthrough")),
        GatewayConfig.read(root, aws, models),
        GovernanceConfig.read(root.section("admin"), root.section("database"), root.section("governance")),
        PricingConfig.read(root.section("pricing")),
        LoggingConfig.read(root.section("logging")),
        ReloadConfig.read(root.section("reload")),
        TelemetryConfig.read(root.section("telemetry")),
        OpenAiConfig.read(root.section("openai"), models),
        source);
    root.finish();
    auth.requireSomeCredential(config.governance());
    for (ClientKey key : auth.keys()) {
      String team = key.policy().team();
      if (!team.isEmpty() && config.governance().team(team) == null && !config.governance().adminEnabled()
          && config.governance().databaseUrl().isEmpty()) {
        throw new ConfigException("auth.keys: key " + key.name() + " names team \"" + team
            + "\", which governance.teams does not define (and no database holds teams)");
      }
    }
    return config;
  }
}
