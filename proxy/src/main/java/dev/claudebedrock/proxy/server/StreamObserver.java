package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import io.vertx.core.buffer.Buffer;

/**
 * Watches a body passed on chunk by chunk and knows its format well enough to pass on whole
 * messages only, so that a stream failing half-way can still be ended in that format.
 */
public interface StreamObserver {

  /** Nobody watching: chunks pass as they come, and a failure half-way is signalled by a reset. */
  StreamObserver NONE = chunk -> chunk;

  /**
   * Takes a chunk from the upstream and returns the bytes to write now, unchanged: every complete
   * message so far, the tail of an incomplete one held back for the next chunk.
   */
  Buffer pass(Buffer chunk);

  /**
   * The bytes that end the body with {@code error} in the body's own format (an event stream's
   * exception frame), or null when none can be written because the stream is no longer whole messages.
   */
  default Buffer failureEnding(ApiError error) {
    return null;
  }
}
