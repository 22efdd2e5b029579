package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Passes an upstream response body to the client chunk by chunk, unchanged, with back-pressure in
 * both directions and the upstream request cancelled when the client leaves.
 *
 * <p>The observer passes on whole messages of the body's format only (event-stream frames), so a
 * stream that fails (the upstream connection breaks, or the upstream falls silent) never looks
 * complete to the client: before its first byte it becomes an error response in the route's dialect
 * (502, 504); afterwards it ends with the format's own error message (an exception frame), or, when
 * the observer cannot write one (a corrupt stream, a body it does not know), with a reset carrying
 * {@code INTERNAL_ERROR} (over HTTP/1.1, the connection closed before the last chunk). A plain
 * {@code reset()} would be {@code RST_STREAM NO_ERROR} on HTTP/2, which clients read as a normal end.
 */
final class StreamedResponse {
  /** HTTP/2's {@code INTERNAL_ERROR} (RFC 9113, section 7). */
  static final long INTERNAL_ERROR = 0x2;

  private final Vertx vertx;
  private final ReplyWriter writer;
  private final Exchange exchange;
  private final Reply.Streamed reply;
  private final StreamTimings timings;
  private final HttpServerResponse response;
  private final HttpClientResponse upstream;
  private long timerId = -1;
  private long lastChunkNanos;
  private boolean sentContent;
  private boolean done;

  StreamedResponse(Vertx vertx, ReplyWriter writer, Exchange exchange, Reply.Streamed reply, StreamTimings timings) {
    this.vertx = vertx;
    this.writer = writer;
    this.exchange = exchange;
    this.reply = reply;
    this.timings = timings;
    this.response = exchange.request().response();
    this.upstream = reply.body();
  }

  void start() {
    response.setStatusCode(reply.status());
    response.headers().addAll(reply.headers());
    response.putHeader(ReplyWriter.REQUEST_ID, exchange.requestId());
    if (!response.headers().contains("content-length")) {
      response.setChunked(true);
    }
    exchange.facts().status(reply.status());
    lastChunkNanos = System.nanoTime();
    exchange.onClientClose(this::clientGone);
    exchange.onShutdown(() -> {
      if (!done) {
        fail(InFlightRequests.SHUTTING_DOWN);
        upstream.request().reset();
      }
    });
    response.drainHandler(v -> upstream.resume());
    upstream.handler(chunk -> {
      lastChunkNanos = System.nanoTime();
      Buffer whole = reply.observer().pass(chunk);
      if (whole.length() == 0) {
        return;
      }
      if (!sentContent) {
        sentContent = true;
        exchange.listener().firstEvent(exchange, lastChunkNanos);
      }
      response.write(whole);
      if (response.writeQueueFull()) {
        upstream.pause();
      }
    });
    upstream.exceptionHandler(failure -> fail(new ApiError(ErrorType.API, 502,
        "The connection to Bedrock broke in the middle of the stream; retry the request", Map.of())));
    upstream.endHandler(v -> {
      if (!done) {
        close();
        response.end().onComplete(ar -> exchange.finish());
      }
    });
    timerId = vertx.setPeriodic(timings.checkPeriodMs(), id -> checkIdle());
    upstream.resume();
  }

  private void checkIdle() {
    if (!done && System.nanoTime() - lastChunkNanos >= timings.idleTimeoutMs() * 1_000_000L) {
      fail(ApiError.of(ErrorType.TIMEOUT,
          "Bedrock sent nothing for " + timings.idleTimeoutMs() + " ms; the stream was abandoned"));
      upstream.request().reset();
    }
  }

  /** Ends a stream the upstream failed so that the client cannot take it for a complete one. */
  private void fail(ApiError error) {
    if (done) {
      return;
    }
    close();
    if (!response.headWritten()) {
      response.headers().clear();
      response.setChunked(false);
      writer.writeError(exchange, error);
      return;
    }
    exchange.facts().errorType(error.type().code());
    Buffer ending = reply.observer().failureEnding(error);
    if (ending != null) {
      response.end(ending).onComplete(ar -> exchange.finish());
    } else {
      response.reset(INTERNAL_ERROR);
      exchange.finish();
    }
  }

  private void clientGone() {
    if (!done) {
      close();
      upstream.request().reset();
      exchange.finish();
    }
  }

  private void close() {
    done = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
