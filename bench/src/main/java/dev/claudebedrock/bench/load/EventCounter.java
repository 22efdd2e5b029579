package dev.claudebedrock.bench.load;

import io.vertx.core.buffer.Buffer;

/** Counts the events of one streamed response as its bytes arrive, in pieces cut anywhere. */
public interface EventCounter {
  /** Consumes the next piece; returns how many events it completed. */
  int feed(Buffer piece);
}
