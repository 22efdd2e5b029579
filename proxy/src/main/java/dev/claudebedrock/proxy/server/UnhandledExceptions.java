package dev.claudebedrock.proxy.server;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports exceptions no handler took (Vert.x's default logs each at ERROR as "Unhandled exception").
 * A stream reset or a closed connection is a peer's decision, reported to the request it belongs to
 * already: debug level, else thousands of {@code Stream reset: 0} lines bury real errors when
 * clients cancel streams or an upstream fails. Anything else is a bug of the gateway: error level.
 */
public final class UnhandledExceptions {
  private static final Logger log = LoggerFactory.getLogger(UnhandledExceptions.class);

  private UnhandledExceptions() {}

  /** For {@code Vertx.exceptionHandler}. */
  public static void report(Throwable failure) {
    if (isPeersDoing(failure)) {
      log.debug("Connection or stream ended by a peer: {}", failure.toString());
    } else {
      log.error("Unhandled exception", failure);
    }
  }

  /** Whether the exception is a peer's reset or close rather than a fault of the gateway. */
  static boolean isPeersDoing(Throwable failure) {
    return failure instanceof StreamResetException || failure instanceof HttpClosedException
        || failure instanceof ConnectTimeoutException
        || failure instanceof IOException
        || failure instanceof VertxException vertx && "Connection was closed".equals(vertx.getMessage());
  }
}
