package dev.claudebedrock.proxy.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Passes an upstream response body to the client chunk by chunk, unchanged, with back-pressure in
 * both directions and the upstream request cancelled when the client leaves.
 */
final class StreamedResponse {
  private final Vertx vertx;
  private final Exchange exchange;
  private final Reply.Streamed reply;
  private final StreamTimings timings;
  private final HttpServerResponse response;
  private final HttpClientResponse upstream;
  private long timerId = -1;
  private long lastChunkNanos;
  private boolean sentContent;
  private boolean done;

  StreamedResponse(Vertx vertx, Exchange exchange, Reply.Streamed reply, StreamTimings timings) {
    this.vertx = vertx;
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
    response.drainHandler(v -> upstream.resume());
    upstream.handler(chunk -> {
      lastChunkNanos = System.nanoTime();
      if (!sentContent) {
        sentContent = true;
        exchange.listener().firstEvent(exchange, lastChunkNanos);
      }
      response.write(chunk);
      if (response.writeQueueFull()) {
        upstream.pause();
      }
      reply.observer().accept(chunk);
    });
    upstream.exceptionHandler(failure -> {
      if (!done) {
        close();
        exchange.facts().errorType("api_error");
        response.reset();
        exchange.finish();
      }
    });
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
      close();
      upstream.request().reset();
      exchange.facts().errorType("timeout_error");
      response.reset();
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
