package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a {@link Reply} or an error to the client and marks the exchange finished when done. */
public final class ReplyWriter {
  private static final Logger log = LoggerFactory.getLogger(ReplyWriter.class);

  /** The header that carries the request id on every response. */
  public static final String REQUEST_ID = "request-id";

  private final Vertx vertx;
  private final StreamTimings timings;

  public ReplyWriter(Vertx vertx, StreamTimings timings) {
    this.vertx = vertx;
    this.timings = timings;
  }

  /** Sends a reply. */
  public void write(Exchange exchange, Reply reply) {
    if (exchange.isClientClosed()) {
      abandon(exchange, reply);
      return;
    }
    if (exchange.request().response().ended()) { // a stream committed early, ended by a shutdown meanwhile
      cancel(reply);
      return;
    }
    switch (reply) {
      case Reply.Complete complete when exchange.request().response().headWritten() ->
        endCommittedStream(exchange, ApiError.of(ErrorType.API, "The gateway committed a stream (request "
            + exchange.requestId() + ") that was then answered without one"));
      case Reply.Complete complete -> writeComplete(exchange, complete);
      case Reply.Events events -> {
        exchange.streamStarted();
        new SseResponse(vertx, this, exchange, events, timings).start();
      }
      case Reply.Streamed streamed -> {
        exchange.streamStarted();
        new StreamedResponse(vertx, this, exchange, streamed, timings).start();
      }
    }
  }

  /** Sends the error a failed request path ended with. */
  public void fail(Exchange exchange, Throwable failure) {
    ApiError error;
    if (failure instanceof ApiException api) {
      error = api.error();
    } else if (exchange.isClientClosed()) {
      error = ApiError.of(ErrorType.API, "Request cancelled: the client went away"); // its cancellation, no fault
    } else {
      log.error("request {} failed inside the gateway", exchange.requestId(), failure);
      error = ApiError.of(ErrorType.API, "Internal error in the gateway (request " + exchange.requestId() + ")");
    }
    writeError(exchange, error);
  }

  /** Sends an error response in the exchange's wire dialect. */
  public void writeError(Exchange exchange, ApiError error) {
    exchange.facts().errorType(error.type().code());
    if (exchange.isClientClosed()) {
      exchange.facts().status(error.status());
      exchange.finish();
      return;
    }
    if (exchange.request().response().ended()) {
      return;
    }
    if (exchange.request().response().headWritten()) {
      endCommittedStream(exchange, error);
      return;
    }
    writeComplete(exchange, exchange.dialect().errorReply(error, exchange.requestId()));
  }

  /** A stream committed before its answer (see {@link CommitStreamEarly}) ends with the in-stream error. */
  private static void endCommittedStream(Exchange exchange, ApiError error) {
    exchange.facts().errorType(error.type().code());
    exchange.request().response().end(exchange.dialect().sse().error(error, exchange.requestId()))
        .onComplete(ar -> exchange.finish());
  }

  private void writeComplete(Exchange exchange, Reply.Complete reply) {
    HttpServerResponse response = exchange.request().response();
    response.setStatusCode(reply.status());
    if (reply.headers() != null) {
      response.headers().addAll(reply.headers());
    }
    response.putHeader(REQUEST_ID, exchange.requestId());
    exchange.facts().status(reply.status());
    response.end(reply.body()).onComplete(ar -> exchange.finish());
  }

  private static void abandon(Exchange exchange, Reply reply) {
    cancel(reply);
    exchange.facts().status(499);
    exchange.finish();
  }

  private static void cancel(Reply reply) {
    switch (reply) {
      case Reply.Events events -> events.source().cancel();
      case Reply.Streamed streamed -> streamed.body().request().reset();
      case Reply.Complete ignored -> {}
    }
  }
}
