package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.BearerTokenAuth;
import dev.claudebedrock.proxy.bedrock.CredentialSources;
import dev.claudebedrock.proxy.bedrock.CredentialsCache;
import dev.claudebedrock.proxy.bedrock.GeoPrefix;
import dev.claudebedrock.proxy.bedrock.InferenceProfileCatalog;
import dev.claudebedrock.proxy.bedrock.SigV4Auth;
import dev.claudebedrock.proxy.bedrock.UpstreamAuth;
import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.CircuitBreakerConfig;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.TargetConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Every target the gateway can send to, with its credentials resolved and refreshed off the event loops. */
public final class Targets implements AutoCloseable {
  /** Session name on assumed roles, visible in CloudTrail. */
  static final String SESSION_NAME = "claude-bedrock-proxy";
  /** The SigV4 signing name of Bedrock's native Messages API. */
  static final String MANTLE_SIGNING_NAME = "bedrock-mantle";

  private final Map<String, Target> byName = new LinkedHashMap<>();
  private final List<CredentialsCache> credentials = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** @param transitions hears every change of state of every target's circuit breaker */
  public Targets(Map<String, TargetConfig> configs, AwsConfig aws, CircuitBreakerConfig breakers, Environment env,
      CircuitBreaker.TransitionListener transitions) {
    for (TargetConfig config : configs.values()) {
      UpstreamAuth auth = auth(config, aws, env);
      // One credential source signs for both services; only the signing name differs.
      UpstreamAuth mantleAuth = auth instanceof SigV4Auth sigV4 ? sigV4.forService(MANTLE_SIGNING_NAME) : auth;
      byName.put(config.name(), new Target(config.name(), config.region(), config.endpoint(),
          config.controlPlaneEndpoint(), auth, GeoPrefix.resolve(config.geoPrefix(), config.region()),
          new InferenceProfileCatalog(),
          new CircuitBreaker(config.name(), breakers, breakers.enabledFor(configs.size()), transitions), config.api(),
          config.mantleEndpoint(), mantleAuth));
    }
  }

  private UpstreamAuth auth(TargetConfig config, AwsConfig aws, Environment env) {
    if (!config.bearerToken().isEmpty()) {
      return new BearerTokenAuth(config.bearerToken());
    }
    // The default target's profile is aws.profile, which the gateway's own sources already honour.
    AwsCredentialsProvider base = config.profile().isEmpty() || config.name().equals(TargetConfig.DEFAULT)
        ? CredentialSources.forConfig(aws, env)
        : CredentialSources.forProfile(config.profile(), env);
    AwsCredentialsProvider provider = config.roleArn().isEmpty() ? base : assumeRole(config, aws, base);
    CredentialsCache cache = new CredentialsCache(config.name(), provider);
    credentials.add(cache);
    return new SigV4Auth(cache, config.region(), "bedrock");
  }

  private AwsCredentialsProvider assumeRole(TargetConfig config, AwsConfig aws, AwsCredentialsProvider base) {
    StsClient sts = StsClient.builder()
        .region(Region.of(aws.region()))
        .endpointOverride(URI.create(aws.stsEndpoint().url()))
        .credentialsProvider(base)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> {
          r.roleArn(config.roleArn()).roleSessionName(SESSION_NAME);
          if (!config.externalId().isEmpty()) {
            r.externalId(config.externalId());
          }
        })
        .build();
    closeables.add(provider);
    closeables.add(sts);
    return provider;
  }

  /**
   * Takes a reloaded configuration's secrets: a rotated Bedrock API key replaces the old one at once, and every
   * credential source is asked again (static keys given as files are read again). What else a target is only a
   * restart changes.
   */
  public void reconfigure(Map<String, TargetConfig> configs) {
    for (TargetConfig config : configs.values()) {
      Target target = byName.get(config.name());
      if (target != null && target.auth() instanceof BearerTokenAuth bearer && !config.bearerToken().isEmpty()) {
        bearer.rotate(config.bearerToken());
      }
    }
    credentials.forEach(CredentialsCache::refreshSoon);
  }

  /** Resolves every target's credentials once; completes when each source has been tried. */
  public CompletableFuture<Void> start() {
    return CompletableFuture.allOf(credentials.stream().map(CredentialsCache::start).toArray(CompletableFuture[]::new));
  }

  /** A target by name, or null. */
  public Target get(String name) {
    return byName.get(name);
  }

  /** The target the {@code aws} section describes. */
  public Target defaultTarget() {
    return byName.get(TargetConfig.DEFAULT);
  }

  /** All targets. */
  public Collection<Target> all() {
    return byName.values();
  }

  @Override
  public void close() {
    credentials.forEach(CredentialsCache::close);
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing at shutdown: nothing left to do with a failure.
      }
    }
  }
}
