package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.AttributeKey;
import dev.claudebedrock.proxy.core.ErrorType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads the whole request body, refusing it as soon as it passes the limit (chunked bodies declare
 * no length) and giving up on clients that stop sending.
 */
public final class ReadBody implements Interceptor {
  /** The raw body, for the stages after this one. */
  public static final AttributeKey<Buffer> BODY = AttributeKey.named("body");

  private final Vertx vertx;
  private final long maxBodyBytes;
  private final long timeoutMs;

  public ReadBody(Vertx vertx, long maxBodyBytes, long timeoutMs) {
    this.vertx = vertx;
    this.maxBodyBytes = maxBodyBytes;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    return read(chain).compose(body -> {
      chain.exchange().put(BODY, body);
      return chain.proceed();
    });
  }

  private Future<Buffer> read(Chain chain) {
    HttpServerRequest request = chain.exchange().request();
    Promise<Buffer> result = Promise.promise();
    String length = request.getHeader("content-length");
    int initial = length == null ? 4096 : (int) Math.min(Long.parseLong(length.strip()), maxBodyBytes);
    Buffer body = Buffer.buffer(Math.max(initial, 16));
    long timer = vertx.setTimer(timeoutMs, id -> {
      if (!result.future().isComplete()) {
        ConnectionClose.afterResponse(chain.exchange());
        result.tryFail(ApiError.of(ErrorType.INVALID_REQUEST,
            "The request body did not arrive within " + timeoutMs + " ms").exception());
      }
    });
    request.handler(chunk -> {
      if (result.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > maxBodyBytes) {
        vertx.cancelTimer(timer);
        ConnectionClose.afterResponse(chain.exchange());
        result.tryFail(LimitRequest.tooLarge(body.length() + chunk.length(), maxBodyBytes).exception());
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(failure -> {
      vertx.cancelTimer(timer);
      result.tryFail(ApiError.of(ErrorType.INVALID_REQUEST, "The request body could not be read").exception());
    });
    request.endHandler(v -> {
      vertx.cancelTimer(timer);
      result.tryComplete(body);
    });
    if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
      request.response().writeContinue();
    }
    return result.future();
  }
}
