package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;

/**
 * How one front door's clients expect the gateway's own answers to look on the wire: the body and
 * headers of an error, and the framing of server-sent events. Each request path has one; adding a
 * front door means adding a dialect, a translating stage and a {@code RequestPaths} entry.
 */
public interface WireDialect {

  /** The complete response for an error. */
  Reply.Complete errorReply(ApiError error, String requestId);

  /** How server-sent events are framed; a dialect whose API never streams them throws {@link UnsupportedOperationException}. */
  SseFraming sse();
}
