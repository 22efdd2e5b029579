package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The exact-match response cache.
 *
 * @param mode which requests take part
 * @param backend where answers are kept
 * @param ttl how long an answer stays
 * @param maxMb in-process size bound
 * @param maxEntryKb answers larger than this are not stored
 * @param shared whether clients share entries (by default each client key has its own)
 * @param redisUrl the Redis server, {@code redis://[:password@]host:port[/db]} (also {@code REDIS_URL})
 * @param redisKeyPrefix prefix of the gateway's keys in Redis
 * @param redisTimeout the longest a request waits for Redis; past it the lookup counts as a miss
 */
public record CacheConfig(Mode mode, Backend backend, Duration ttl, int maxMb, int maxEntryKb, boolean shared,
    String redisUrl, String redisKeyPrefix, Duration redisTimeout) {

  /** Which requests take part in the cache. */
  public enum Mode implements ConfigWord {
    /** {@code deterministic}: {@code temperature: 0} without thinking, plus those that opt in with {@code x-gateway-cache: use}. */
    DETERMINISTIC("deterministic"),
    /** {@code opt_in}: only those that opt in. */
    OPT_IN("opt_in"),
    /** {@code off}: none. */
    OFF("off");

    private final String word;

    Mode(String word) {
      this.word = word;
    }

    @Override
    public String word() {
      return word;
    }
  }

  /** Where cached answers are kept. */
  public enum Backend implements ConfigWord {
    /** {@code memory}: in this process. */
    MEMORY("memory"),
    /** {@code redis}: in Redis, shared by replicas. */
    REDIS("redis");

    private final String word;

    Backend(String word) {
      this.word = word;
    }

    @Override
    public String word() {
      return word;
    }
  }

  static CacheConfig read(ConfigSection s) {
    CacheConfig config = new CacheConfig(
        s.choice("mode", Mode.DETERMINISTIC),
        s.choice("backend", Backend.MEMORY),
        s.duration("ttl_seconds", 300, 1, 30 * 24 * 3600, ChronoUnit.SECONDS),
        s.integer("max_mb", 256, 1, 65_536),
        s.integer("max_entry_kb", 1024, 1, 65_536),
        s.bool("shared", false),
        s.secret("redis_url"),
        s.string("redis_key_prefix", "claude-bedrock-proxy:cache:"),
        s.duration("redis_timeout_ms", 100, 1, 10_000, ChronoUnit.MILLIS));
    if (config.backend() == Backend.REDIS && config.enabled() && config.redisUrl().isEmpty()) {
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
    return mode != Mode.OFF;
  }
}
