package dev.claudebedrock.proxy.gateway.cache;

import io.vertx.core.Future;

/** Where cached answers live: in the process, or in Redis when replicas share them. */
public interface AnswerStore extends AutoCloseable {

  /** The answer stored under a key; null when there is none (or it expired). */
  Future<CachedAnswer> get(String key);

  /** Stores an answer; best effort, failures are logged and forgotten. */
  void put(String key, CachedAnswer answer);

  @Override
  default void close() {}
}
