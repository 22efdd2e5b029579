package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventSink;
import dev.claudebedrock.proxy.core.StreamEvent;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One server-sent-event response: each event leaves in the turn of the event loop in which it arrived. The events of
 * one turn (several chunks of one read from the upstream, or of several reads the loop served at once) are held and
 * written together when the turn's I/O is done, in one write and one system call: a task queued on the request's own
 * event loop, which runs right after the reads it is serving (no wake-up, no other thread).
 *
 * <p>The 200 status is committed lazily, with the first event or the first ping. Until then a
 * failure can still be answered with a proper HTTP error, which clients retry, rather than an
 * in-stream error after a 200, which makes Claude Code fall back to a non-streaming call.
 * Once committed, a failure is written as the dialect's in-stream error and the stream ends.
 * {@link CommitStreamEarly} may have committed it before the upstream answered.
 */
final class SseResponse implements EventSink {
  private final Vertx vertx;
  private final ReplyWriter writer;
  private final Exchange exchange;
  private final Reply.Events reply;
  private final StreamTimings timings;
  private final HttpServerResponse response;
  private final SseFraming framing;
  private long timerId = -1;
  private long lastWriteNanos;
  private long lastUpstreamNanos;
  private boolean committed;
  private boolean sentContent;
  private boolean done;
  /** The request's context, whose event loop writes what this turn held. */
  private Context context;
  /** What this turn has written so far: the first event's own buffer, or a buffer of its own once there are more. */
  private Buffer held;
  private boolean heldIsOwn;
  /** Whether {@link #writeHeldTask} is queued for the end of this turn. */
  private boolean writeQueued;
  private final Handler<Void> writeHeldTask = v -> {
    writeQueued = false;
    if (!done) {
      writeHeld();
    }
  };

  SseResponse(Vertx vertx, ReplyWriter writer, Exchange exchange, Reply.Events reply, StreamTimings timings) {
    this.vertx = vertx;
    this.writer = writer;
    this.exchange = exchange;
    this.reply = reply;
    this.timings = timings;
    this.response = exchange.request().response();
    this.framing = exchange.dialect().sse();
  }

  void start() {
    context = vertx.getOrCreateContext();
    committed = response.headWritten(); // by CommitStreamEarly, while the upstream kept silent
    long now = System.nanoTime();
    lastWriteNanos = now;
    lastUpstreamNanos = now;
    exchange.onClientClose(this::clientGone);
    exchange.onShutdown(() -> {
      onError(InFlightRequests.SHUTTING_DOWN);
      reply.source().cancel();
    });
    response.drainHandler(v -> {
      if (!done) {
        reply.source().resume();
      }
    });
    timerId = vertx.setPeriodic(timings.checkPeriodMs(), id -> tick());
    reply.source().start(this);
  }

  @Override
  public void onEvent(StreamEvent event) {
    if (done) {
      return;
    }
    long now = System.nanoTime();
    lastUpstreamNanos = now;
    if (!sentContent && event.isContentDelta()) {
      sentContent = true;
      exchange.listener().firstEvent(exchange, now);
    }
    send(framing.event(event), now);
  }

  @Override
  public void onEnd() {
    if (done) {
      return;
    }
    if (!committed) {
      onError(ApiError.of(ErrorType.API, "Bedrock ended the stream before sending any event"));
      return;
    }
    // The turn's last events and the stream's end leave in one write.
    Buffer end = framing.end();
    if (end != null) {
      hold(end);
    }
    Buffer last = held;
    close();
    (last == null ? response.end() : response.end(last)).onComplete(ar -> exchange.finish());
  }

  @Override
  public void onError(ApiError error) {
    if (done) {
      return;
    }
    if (!committed) {
      close();
      writer.writeError(exchange, error);
      return;
    }
    exchange.facts().errorType(error.type().code());
    Buffer event = framing.error(error, exchange.requestId());
    writeHeld();
    close();
    response.end(event).onComplete(ar -> exchange.finish());
  }

  private void tick() {
    if (done) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastUpstreamNanos >= timings.idleTimeoutMs() * 1_000_000L) {
      reply.source().cancel();
      onError(ApiError.of(ErrorType.TIMEOUT,
          "Bedrock sent nothing for " + timings.idleTimeoutMs() + " ms; the stream was abandoned"));
      return;
    }
    if (now - lastWriteNanos >= timings.pingIntervalMs() * 1_000_000L) {
      send(framing.ping(), now);
    }
  }

  private void send(Buffer sse, long now) {
    if (!committed) {
      committed = true;
      commit(exchange, reply.status(), reply.headers());
    }
    lastWriteNanos = now;
    hold(sse);
    if (!writeQueued) {
      writeQueued = true;
      context.runOnContext(writeHeldTask);
    }
  }

  /** Adds an event to the turn's writes: the first as it is, later ones copied after it into a buffer of our own. */
  private void hold(Buffer sse) {
    if (held == null) {
      held = sse;
      heldIsOwn = false;
      return;
    }
    if (!heldIsOwn) {
      held = Buffer.buffer(2 * (held.length() + sse.length())).appendBuffer(held);
      heldIsOwn = true;
    }
    held.appendBuffer(sse);
  }

  private void writeHeld() {
    if (held != null) {
      Buffer out = held;
      held = null;
      write(out);
    }
  }

  private void write(Buffer sse) {
    response.write(sse);
    if (response.writeQueueFull()) {
      reply.source().pause();
    }
  }

  /** Sets the status and headers of an event stream; they leave with its first write. */
  static void commit(Exchange exchange, int status, MultiMap headers) {
    HttpServerResponse response = exchange.request().response();
    response.setStatusCode(status);
    if (headers != null) {
      response.headers().addAll(headers);
    }
    response.putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no")
        .putHeader(ReplyWriter.REQUEST_ID, exchange.requestId())
        .setChunked(true);
    exchange.facts().status(status);
  }

  private void clientGone() {
    if (done) {
      return;
    }
    close();
    reply.source().cancel();
    if (!committed) {
      exchange.facts().status(499);
    }
    exchange.finish();
  }

  private void close() {
    done = true;
    held = null;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
