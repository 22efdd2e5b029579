package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * For a request answered with server-sent events: when the later stages have not answered within
 * {@code after} (Bedrock silent, or retries and failover still under way), commits the 200 and the
 * event-stream headers and sends a ping, then one every ping interval until the answer comes, so
 * that no client or proxy on the way (load balancers commonly cut a connection silent for 60 s)
 * gives up on it.
 *
 * <p>The trade-off: retries and failover go on behind the pings (no content has gone out yet), but
 * once committed, a failure can no longer be an HTTP status with {@code retry-after}; it is the
 * dialect's in-stream error event, of the same error type. Before {@code after}, nothing changes.
 */
public final class CommitStreamEarly implements Interceptor {
  private final Vertx vertx;
  private final long afterMs;
  private final long pingIntervalMs;
  private final Predicate<Exchange> streams;

  /**
   * @param after how long the answer may take before the stream is committed; zero never commits early
   * @param streams whether a request is answered with server-sent events
   */
  public CommitStreamEarly(Vertx vertx, Duration after, long pingIntervalMs, Predicate<Exchange> streams) {
    this.vertx = vertx;
    this.afterMs = after.toMillis();
    this.pingIntervalMs = pingIntervalMs;
    this.streams = streams;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    if (afterMs == 0 || !streams.test(exchange)) {
      return chain.proceed();
    }
    Pings pings = new Pings(exchange);
    pings.timer = vertx.setTimer(afterMs, id -> pings.commit());
    return chain.proceed().onComplete(ar -> pings.stop());
  }

  /** The pings of one request while its answer is awaited. */
  private final class Pings {
    private final Exchange exchange;
    private long timer;
    private boolean stopped;

    Pings(Exchange exchange) {
      this.exchange = exchange;
    }

    void commit() {
      HttpServerResponse response = exchange.request().response();
      if (stopped || exchange.isClientClosed() || response.headWritten()) {
        return;
      }
      SseResponse.commit(exchange, 200, null);
      exchange.streamStarted();
      exchange.onShutdown(this::shutDown);
      ping();
    }

    /** The gateway stops while the answer is still awaited: the stream ends with the error event. */
    void shutDown() {
      if (!stopped) {
        stop();
        ApiError error = InFlightRequests.SHUTTING_DOWN;
        exchange.facts().errorType(error.type().code());
        exchange.request().response().end(exchange.dialect().sse().error(error, exchange.requestId()))
            .onComplete(ar -> exchange.finish());
      }
    }

    void ping() {
      if (stopped || exchange.isClientClosed()) {
        return;
      }
      exchange.request().response().write(exchange.dialect().sse().ping());
      timer = vertx.setTimer(pingIntervalMs, id -> ping());
    }

    void stop() {
      stopped = true;
      vertx.cancelTimer(timer);
    }
  }
}
