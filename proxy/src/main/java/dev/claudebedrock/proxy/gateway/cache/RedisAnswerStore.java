package dev.claudebedrock.proxy.gateway.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached answers in Redis, shared by every gateway replica: one replica's answer spares the others
 * the upstream call. Entries expire in Redis after the TTL. An unreachable or hung Redis degrades
 * to misses, never to errors or waits: a lookup gives up after the timeout, and after a failure the
 * store leaves Redis alone for a moment instead of queueing every request behind it.
 */
public final class RedisAnswerStore implements AnswerStore {
  private static final Logger log = LoggerFactory.getLogger(RedisAnswerStore.class);
  /** How long Redis is left alone after a failed or timed-out command. */
  private static final long BACK_OFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Redis redis;
  private final String prefix;
  private final long ttlMillis;
  private final long timeoutMillis;
  private volatile long idleUntilNanos = System.nanoTime();

  public RedisAnswerStore(Vertx vertx, String url, String prefix, Duration ttl, Duration timeout) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxPoolWaiting(1024));
    this.prefix = prefix;
    this.ttlMillis = ttl.toMillis();
    this.timeoutMillis = timeout.toMillis();
    // Connect (and load the client's classes) now, so that the first lookup is not the one that pays for it.
    redis.send(Request.cmd(Command.PING))
        .onFailure(failure -> log.warn("Redis cache not reachable at start-up: {}", failure.getMessage()));
  }

  @Override
  public Future<CachedAnswer> get(String key) {
    if (backingOff()) {
      return Future.succeededFuture(null);
    }
    return redis.send(Request.cmd(Command.GET).arg(prefix + key))
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .map(response -> response == null ? null : AnswerCodec.decode(response.toBuffer()))
        .otherwise(failure -> {
          backOff("lookup", failure);
          return null;
        });
  }

  @Override
  public void put(String key, CachedAnswer answer) {
    if (backingOff()) {
      return;
    }
    redis.send(Request.cmd(Command.SET).arg(prefix + key).arg(AnswerCodec.encode(answer)).arg("PX").arg(ttlMillis))
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .onFailure(failure -> backOff("store", failure));
  }

  private boolean backingOff() {
    return System.nanoTime() - idleUntilNanos < 0;
  }

  private void backOff(String what, Throwable failure) {
    boolean first = !backingOff();
    idleUntilNanos = System.nanoTime() + BACK_OFF_NANOS;
    if (first) {
      log.warn("Redis cache {} failed ({}); answering as misses for {} ms", what, failure.getMessage(),
          TimeUnit.NANOSECONDS.toMillis(BACK_OFF_NANOS));
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
