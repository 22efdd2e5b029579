package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.StreamEvent;
import io.vertx.core.buffer.Buffer;

/** The bytes of a server-sent-event stream in one wire dialect. */
public interface SseFraming {

  /** One event, ready to write. */
  Buffer event(StreamEvent event);

  /** A keep-alive, written while the upstream is silent. */
  Buffer ping();

  /** The last bytes of a stream that failed after its status was sent. */
  Buffer error(ApiError error, String requestId);

  /** What follows the last event of a stream that ended normally, or null when nothing does. */
  Buffer end();
}
