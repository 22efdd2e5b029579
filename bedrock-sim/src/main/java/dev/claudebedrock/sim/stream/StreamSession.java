package dev.claudebedrock.sim.stream;

import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.reply.Completion;
import dev.claudebedrock.sim.reply.InvocationMetrics;
import dev.claudebedrock.sim.reply.StreamEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.TimeUnit;

/**
 * Writes one streamed answer (InvokeModelWithResponseStream's frames or the Messages API's server-sent events, as
 * its {@link StreamFraming} says) event by event on its event loop. Token events are due at
 * {@code first byte + tokens so far / tokens per second}; the session writes every due event, then sleeps on a
 * Vert.x timer until the next one is due, so thousands of paced streams cost no threads. A scripted fault takes
 * effect once {@code afterEvents} events are out.
 */
public final class StreamSession {
  private final Vertx vertx;
  private final HttpServerResponse response;
  private final String requestId;
  private final Completion completion;
  private final StreamEvents events;
  private final Timing timing;
  private final Fault fault;
  private final StreamFraming framing;
  private final long startNanos;
  private final StreamListener listener;
  private final int total;

  private int next;
  private long tokensDone;
  private long tokenClock;
  private long firstByteNanos;
  private long timerId = -1;
  private Future<Void> lastWrite = Future.succeededFuture();
  private boolean faultApplied;
  private boolean cancelled;

  /**
   * A session for one response.
   *
   * @param fault      the scripted fault, or null
   * @param startNanos {@link System#nanoTime()} when the request arrived
   */
  public StreamSession(Vertx vertx, HttpServerResponse response, String requestId, Completion completion, Timing timing,
      Fault fault, StreamFraming framing, long startNanos, StreamListener listener) {
    this.vertx = vertx;
    this.response = response;
    this.requestId = requestId;
    this.completion = completion;
    this.events = new StreamEvents(completion);
    this.timing = timing;
    this.fault = fault;
    this.framing = framing;
    this.startNanos = startNanos;
    this.listener = listener;
    this.total = events.size() + 1; // + message_stop, rendered when its metrics are known
  }

  /** Starts the session after the first-byte latency (plus any scripted delay). */
  public void start() {
    long delay = timing.firstByte().toNanos() + (fault instanceof Fault.Delay d ? d.firstByte().toNanos() : 0);
    later(delay, this::open);
  }

  /** Stops everything: the client went away. */
  public void cancel() {
    cancelled = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void open() {
    if (cancelled) {
      return;
    }
    if (fault instanceof Fault.DropConnection drop && drop.afterEvents() == 0) {
      listener.dropConnection();
      return;
    }
    response.setStatusCode(200).setChunked(true).putHeader("x-amzn-RequestId", requestId);
    framing.headers(response);
    listener.headersSent(200);
    firstByteNanos = System.nanoTime();
    tokenClock = firstByteNanos;
    if (fault instanceof Fault.Stall stall && stall.afterEvents() == 0) {
      response.writeHead(); // the status line goes out even though no event follows
    }
    pump();
  }

  private void pump() {
    timerId = -1;
    long nanosPerToken = timing.nanosPerToken();
    while (!cancelled) {
      if (fault != null && !faultApplied && next == Math.min(faultPosition(), total)) {
        faultApplied = true;
        if (applyFault()) {
          return;
        }
      }
      if (next == total) {
        response.end();
        listener.finished();
        return;
      }
      int tokens = events.hasNext() ? events.nextTokens() : 0;
      if (tokens > 0 && nanosPerToken > 0) {
        long wait = tokenClock + (tokensDone + tokens) * nanosPerToken - System.nanoTime();
        if (wait > 0) {
          later(wait, this::pump);
          return;
        }
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> pump());
        return;
      }
      byte[] frame = events.hasNext() ? framing.event(events.nextType(), events.next(), next)
          : framing.messageStop(metrics(), next);
      lastWrite = response.write(Buffer.buffer(frame));
      tokensDone += tokens;
      next++;
      listener.eventsSent(next);
    }
  }

  private int faultPosition() {
    return switch (fault) {
      case Fault.ExceptionFrame f -> f.afterEvents();
      case Fault.DropConnection f -> f.afterEvents();
      case Fault.Stall f -> f.afterEvents();
      default -> Integer.MAX_VALUE;
    };
  }

  /** Applies the fault at the current position; true when the session must not go on by itself. */
  private boolean applyFault() {
    switch (fault) {
      case Fault.ExceptionFrame f -> {
        String message = f.message() != null ? f.message() : f.type().defaultMessage();
        response.end(Buffer.buffer(framing.exception(f.type(), message, f.fields())));
        listener.finished();
        return true;
      }
      case Fault.DropConnection f -> {
        // Closing discards frames still queued in the channel; the k frames must reach the client first.
        lastWrite.onComplete(written -> listener.dropConnection());
        return true;
      }
      case Fault.Stall f -> {
        if (f.duration() != null) {
          long pause = f.duration().toNanos();
          later(pause, () -> {
            tokenClock += pause; // tokens after the stall keep their pace instead of bursting
            pump();
          });
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private InvocationMetrics metrics() {
    long now = System.nanoTime();
    return new InvocationMetrics(completion.usage().inputTokens(), completion.outputTokens(),
        TimeUnit.NANOSECONDS.toMillis(now - startNanos), TimeUnit.NANOSECONDS.toMillis(firstByteNanos - startNanos),
        completion.usage().cacheReadTokens(), completion.usage().cacheCreationTokens());
  }

  private void later(long nanos, Runnable action) {
    if (nanos <= 0) {
      action.run();
      return;
    }
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    timerId = vertx.setTimer(millis, id -> {
      timerId = -1;
      if (!cancelled) {
        action.run();
      }
    });
  }
}
