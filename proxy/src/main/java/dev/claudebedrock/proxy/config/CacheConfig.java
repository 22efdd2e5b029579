package dev.claudebedrock.proxy.config;

import java.util.Set;

/**
 * The exact-match response cache.
 *
 * @param mode {@code deterministic}: requests with {@code temperature: 0} and no thinking, plus those that opt in
 *     with {@code x-gateway-cache: use}; {@code opt_in}: only those; {@code off}
 * @param backend {@code memory} (in-process) or {@code redis} (shared by replicas)
 * @param ttlSeconds how long an answer stays
 * @param maxMb in-process size bound
 * @param maxEntryKb answers larger than this are not stored
 * @param shared whether clients share entries (by default each client key has its own)
 * @param redisUrl the Redis server, {@code redis://[:password@]host:port[/db]} (also {@code REDIS_URL})
 * @param redisKeyPrefix prefix of the gateway's keys in Redis
 * @param redisTimeoutMs the longest a request waits for Redis; past it the lookup counts as a miss
 */
public record CacheConfig(String mode, String backend, int ttlSeconds, int maxMb, int maxEntryKb, boolean shared,
    String redisUrl, String redisKeyPrefix, int redisTimeoutMs) {

  static CacheConfig read(ConfigSection s) {
    CacheConfig config = new CacheConfig(
        s.oneOf("mode", "deterministic", Set.of("deterministic", "opt_in", "off")),
        s.oneOf("backend", "memory", Set.of("memory", "redis")),
        s.integer("ttl_seconds", 300, 1, 30 * 24 * 3600),
        s.integer("max_mb", 256, 1, 65_536),
        s.integer("max_entry_kb", 1024, 1, 65_536),
        s.bool("shared", false),
        s.secret("redis_url"),
        s.string("redis_key_prefix", "claude-bedrock-proxy:cache:"),
        s.integer("redis_timeout_ms", 100, 1, 10_000));
    if (config.backend().equals("redis") && !config.mode().equals("off") && config.redisUrl().isEmpty()) {
      throw s.invalid("redis_url", "", "a Redis URL such as redis://127.0.0.1:6379 (REDIS_URL) when backend is redis");
    }
    if (!config.redisUrl().isEmpty() && !config.redisUrl().matches("rediss?://.+")) {
      throw s.invalid("redis_url", "<redacted>", "a URL starting with redis:// or rediss://");
    }
    s.finish();
    return config;
  }

  /** Whether the cache is in use at all. */
  public boolean enabled() {
    return !mode.equals("off");
  }
}
