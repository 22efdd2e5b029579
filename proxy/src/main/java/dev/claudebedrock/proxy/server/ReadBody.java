package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.AttributeKey;
import dev.claudebedrock.proxy.core.ErrorType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the whole request body, refusing it as soon as it passes the limit (chunked bodies declare
 * no length) and giving up on clients that send it too slowly.
 *
 * <p>Memory follows the bytes that arrived, never the length a client declares: a
 * {@code Content-Length} at the limit followed by three bytes costs three bytes, not the limit.
 * A body must arrive within {@code timeoutMs} plus one second per {@code minBytesPerSecond} bytes
 * received so far: a slow link gets the time its size needs, a client that stalls or trickles is
 * cut off after {@code timeoutMs}.
 *
 * <p>Chunks are kept as they arrive and never copied: the body is a buffer made of them, in order (a body of one
 * chunk is that chunk), which the later stages read where it lies ({@code JsonBytes.of}) and the upstream request
 * sends as it is. Joining them would allocate and copy the body once more.
 */
public final class ReadBody implements Interceptor {
  /** The raw body, for the stages after this one. */
  public static final AttributeKey<Buffer> BODY = AttributeKey.named("body");

  private final Vertx vertx;
  private final long maxBodyBytes;
  private final long timeoutMs;
  private final long minBytesPerSecond;
  private final Admission admission;

  /** @param admission holds the gateway-wide budget of request-body bytes, which every chunk is taken from */
  public ReadBody(Vertx vertx, long maxBodyBytes, long timeoutMs, long minBytesPerSecond, Admission admission) {
    this.vertx = vertx;
    this.admission = admission;
    this.maxBodyBytes = maxBodyBytes;
    this.timeoutMs = timeoutMs;
    this.minBytesPerSecond = minBytesPerSecond;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    return new Reading(chain.exchange()).result.future().compose(body -> {
      chain.exchange().put(BODY, body);
      return chain.proceed();
    });
  }

  /** One body being read. */
  private final class Reading {
    private final Exchange exchange;
    private final Promise<Buffer> result = Promise.promise();
    private final long startNanos = System.nanoTime();
    private List<Buffer> chunks = new ArrayList<>();
    private long received;
    private long timer;
    private long reserved;

    Reading(Exchange exchange) {
      this.exchange = exchange;
      // The body's bytes count against the budget until the response is over: later stages keep the body.
      exchange.onFinish(() -> admission.releaseBody(reserved));
      HttpServerRequest request = exchange.request();
      timer = vertx.setTimer(timeoutMs, id -> checkPace());
      request.handler(this::chunk);
      request.exceptionHandler(failure -> fail(
          ApiError.of(ErrorType.INVALID_REQUEST, "The request body could not be read"), false));
      request.endHandler(v -> {
        vertx.cancelTimer(timer);
        if (chunks != null) {
          result.tryComplete(joined());
        }
      });
      if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
        request.response().writeContinue();
      }
    }

    private void chunk(Buffer chunk) {
      if (result.future().isComplete()) {
        return;
      }
      long size = received + chunk.length();
      if (size > maxBodyBytes) {
        fail(LimitRequest.tooLarge(size, maxBodyBytes), true);
        return;
      }
      if (!admission.reserveBody(chunk.length())) {
        exchange.listener().shed(exchange, Admission.Shed.BODY_BYTES.label());
        fail(admission.refusal(Admission.Shed.BODY_BYTES), true);
        return;
      }
      reserved += chunk.length();
      received = size;
      if (chunk.length() > 0) {
        chunks.add(chunk);
      }
    }

    /** The body: no chunk, one chunk, or a composite of the chunks (each its own buffer, none copied). */
    private Buffer joined() {
      List<Buffer> kept = chunks;
      chunks = null;
      if (kept.isEmpty()) {
        return Buffer.buffer();
      }
      if (kept.size() == 1) {
        return kept.getFirst();
      }
      ByteBuf[] parts = new ByteBuf[kept.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = ((BufferInternal) kept.get(i)).getByteBuf();
      }
      return BufferInternal.buffer(Unpooled.wrappedBuffer(parts.length, parts));
    }

    /** Fails the body if it arrives slower than allowed; otherwise checks again when its time would be up. */
    private void checkPace() {
      if (result.future().isComplete()) {
        return;
      }
      long allowedMs = timeoutMs + received * 1000L / minBytesPerSecond;
      long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
      if (elapsedMs < allowedMs) {
        timer = vertx.setTimer(allowedMs - elapsedMs, id -> checkPace());
        return;
      }
      fail(ApiError.of(ErrorType.INVALID_REQUEST, "The request body did not arrive in time: " + received
          + " bytes in " + elapsedMs + " ms (allowed: " + timeoutMs + " ms plus 1 s per " + minBytesPerSecond
          + " bytes)"), true);
    }

    private void fail(ApiError error, boolean closeAfter) {
      vertx.cancelTimer(timer);
      if (result.future().isComplete()) {
        return;
      }
      if (closeAfter) {
        ConnectionClose.afterResponse(exchange);
      }
      chunks = null;
      result.fail(error.exception());
    }
  }
}
