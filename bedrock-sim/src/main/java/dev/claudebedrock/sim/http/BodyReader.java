package dev.claudebedrock.sim.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body up to a size limit. */
final class BodyReader {
  /** The body was larger than the limit. */
  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("request body too large", null, false, false);
    }
  }

  private BodyReader() {}

  /** The whole body, or a failed future with {@link TooLarge} as soon as the limit is passed. */
  static Future<Buffer> read(HttpServerRequest request, long limit) {
    String declared = request.getHeader("content-length");
    if (declared != null && parseLength(declared) > limit) {
      return Future.failedFuture(new TooLarge());
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        promise.tryFail(new TooLarge());
      } else if (!promise.future().isComplete()) {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(v -> promise.tryComplete(body));
    request.exceptionHandler(promise::tryFail);
    return promise.future();
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
