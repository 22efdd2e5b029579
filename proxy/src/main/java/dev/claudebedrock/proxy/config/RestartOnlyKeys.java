package dev.claudebedrock.proxy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The keys a running gateway cannot change: what it listens on, its event loops, the upstreams and the
 * clients, pools and stores built once at start-up (ARCHITECTURE.md, "What outlives a configuration"). A reload
 * that changes one of them is refused, naming each; everything else (routes, rules, retries, models, the Bedrock
 * policy, streaming, limits, keys, teams, budgets, prices, logging) changes in place.
 */
public final class RestartOnlyKeys {
  private static final Map<String, Function<ProxyConfig, Object>> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("server.host", c -> c.server().host());
    KEYS.put("server.port", c -> c.server().port());
    KEYS.put("server.event_loops", c -> c.server().eventLoops());
    KEYS.put("server.max_header_kb", c -> c.server().maxHeaderBytes());
    KEYS.put("server.header_read_timeout_ms", c -> c.server().headerReadTimeout());
    KEYS.put("server.idle_timeout_seconds", c -> c.server().idleTimeout());
    KEYS.put("server.max_connections", c -> c.server().maxConnections());
    KEYS.put("server.h2c", c -> c.server().h2c());
    KEYS.put("server.transport", c -> c.server().transport());
    KEYS.put("admission", ProxyConfig::admission);
    KEYS.put("aws.region", c -> c.aws().region());
    KEYS.put("aws.endpoint", c -> c.aws().endpoint().url());
    KEYS.put("aws.control_plane_endpoint", c -> c.aws().controlPlaneEndpoint().url());
    KEYS.put("aws.sts_endpoint", c -> c.aws().stsEndpoint().url());
    KEYS.put("aws.profile", c -> c.aws().profile());
    KEYS.put("aws.api", c -> c.aws().api());
    KEYS.put("aws.mantle_endpoint", c -> c.aws().mantleEndpoint().url());
    KEYS.put("aws.bearer_token (set or not)", c -> c.aws().usesBearerToken());
    KEYS.put("targets (their endpoints, APIs, credentials, regions, models.geo_prefix)", c -> targets(c.gateway()));
    KEYS.put("upstream.connect_timeout_ms", c -> c.upstream().connectTimeout());
    KEYS.put("upstream.first_byte_timeout_ms", c -> c.upstream().firstByteTimeout());
    KEYS.put("upstream.stream_first_byte_timeout_ms", c -> c.upstream().streamFirstByteTimeout());
    KEYS.put("upstream.max_connections", c -> c.upstream().maxConnections());
    KEYS.put("upstream.keep_alive_seconds", c -> c.upstream().keepAlive());
    KEYS.put("upstream.http_version", c -> c.upstream().httpVersion());
    KEYS.put("upstream.ca_bundle", c -> c.upstream().caBundle());
    KEYS.put("circuit_breaker", c -> c.gateway().circuitBreaker());
    KEYS.put("discovery", c -> c.gateway().discovery());
    KEYS.put("cache.backend", c -> c.gateway().cache().backend());
    KEYS.put("cache.redis_url", c -> c.gateway().cache().redisUrl());
    KEYS.put("cache.redis_key_prefix", c -> c.gateway().cache().redisKeyPrefix());
    KEYS.put("cache.redis_timeout_ms", c -> c.gateway().cache().redisTimeout());
    KEYS.put("cache.max_mb", c -> c.gateway().cache().maxMb());
    KEYS.put("cache.ttl_seconds", c -> c.gateway().cache().ttl());
    KEYS.put("admin.port", c -> c.governance().adminPort());
    KEYS.put("admin.token (set or not)", c -> c.governance().adminEnabled());
    KEYS.put("database.url", c -> c.governance().databaseUrl());
    KEYS.put("database.pool_size", c -> c.governance().poolSize());
    KEYS.put("governance (storage needed or not)", c -> c.governance().storageNeeded(c.auth().keys()));
    KEYS.put("governance.refresh_ms", c -> c.governance().refreshMs());
    KEYS.put("governance.alert_webhook", c -> c.governance().alertWebhook());
    KEYS.put("governance.ledger.batch_size", c -> c.governance().ledgerBatchSize());
    KEYS.put("governance.ledger.flush_interval_ms", c -> c.governance().ledgerFlushMs());
    KEYS.put("governance.ledger.retention_days", c -> c.governance().retentionDays());
    KEYS.put("governance.concurrency_lease_seconds", c -> c.governance().concurrencyLeaseSeconds());
    KEYS.put("auth.oidc", c -> c.auth().oidc());
    KEYS.put("reload", ProxyConfig::reload);
    KEYS.put("telemetry", ProxyConfig::telemetry);
  }

  private RestartOnlyKeys() {}

  /** The restart-only keys {@code next} changes, in the order of the file; empty when it can be applied. */
  public static List<String> changed(ProxyConfig running, ProxyConfig next) {
    List<String> changed = new ArrayList<>();
    KEYS.forEach((key, value) -> {
      if (!Objects.equals(value.apply(running), value.apply(next))) {
        changed.add(key);
      }
    });
    return List.copyOf(changed);
  }

  /** What of the targets only a restart changes: all but their Bedrock API keys, which rotate in place. */
  private static List<Object> targets(GatewayConfig gateway) {
    List<Object> targets = new ArrayList<>();
    for (TargetConfig t : gateway.targets().values()) {
      targets.add(List.of(t.name(), t.region(), t.endpoint().url(), t.controlPlaneEndpoint().url(), t.profile(),
          t.roleArn(), t.externalId(), t.bearerToken().isEmpty(), t.geoPrefix(), t.api(), t.mantleEndpoint().url()));
    }
    return targets;
  }
}
