package dev.claudebedrock.proxy.gateway.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached answers in Redis, shared by every gateway replica: one replica's answer spares the others
 * the upstream call. Entries expire in Redis after the TTL. An unreachable Redis degrades to
 * misses, never to errors.
 */
public final class RedisAnswerStore implements AnswerStore {
  private static final Logger log = LoggerFactory.getLogger(RedisAnswerStore.class);

  private final Redis redis;
  private final String prefix;
  private final long ttlMillis;

  public RedisAnswerStore(Vertx vertx, String url, String prefix, Duration ttl) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxPoolWaiting(1024));
    this.prefix = prefix;
    this.ttlMillis = ttl.toMillis();
  }

  @Override
  public Future<CachedAnswer> get(String key) {
    return redis.send(Request.cmd(Command.GET).arg(prefix + key))
        .map(response -> response == null ? null : AnswerCodec.decode(response.toBuffer()))
        .otherwise(failure -> {
          log.warn("Redis cache lookup failed, answering as a miss: {}", failure.getMessage());
          return null;
        });
  }

  @Override
  public void put(String key, CachedAnswer answer) {
    redis.send(Request.cmd(Command.SET).arg(prefix + key).arg(AnswerCodec.encode(answer)).arg("PX").arg(ttlMillis))
        .onFailure(failure -> log.warn("Redis cache store failed: {}", failure.getMessage()));
  }

  @Override
  public void close() {
    redis.close();
  }
}
