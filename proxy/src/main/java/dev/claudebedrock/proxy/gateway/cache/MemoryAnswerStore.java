package dev.claudebedrock.proxy.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Duration;

/** Cached answers in this process, bounded by total size and expiring after the TTL. */
public final class MemoryAnswerStore implements AnswerStore {
  private final Cache<String, CachedAnswer> answers;

  public MemoryAnswerStore(long maxBytes, Duration ttl) {
    this.answers = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, CachedAnswer answer) -> key.length() + answer.size())
        .expireAfterWrite(ttl)
        .build();
  }

  @Override
  public Future<CachedAnswer> get(String key) {
    return Future.succeededFuture(answers.getIfPresent(key));
  }

  @Override
  public void put(String key, CachedAnswer answer) {
    answers.put(key, answer);
  }
}
