package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Refuses what can be refused from the headers alone, before any body byte is read: bodies
 * declared larger than the limit, and bodies that are not JSON.
 */
public final class LimitRequest implements Interceptor {
  private final long maxBodyBytes;

  public LimitRequest(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    HttpServerRequest request = chain.exchange().request();
    String length = request.getHeader("content-length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        return fail(ApiError.of(ErrorType.INVALID_REQUEST, "Content-Length is not a number: " + length), chain);
      }
      if (declared > maxBodyBytes) {
        return fail(tooLarge(declared, maxBodyBytes), chain);
      }
    }
    String contentType = request.getHeader("content-type");
    if (contentType != null && !isJson(contentType)) {
      return fail(ApiError.of(ErrorType.INVALID_REQUEST,
          "Content-Type must be application/json, not " + contentType.strip()), chain);
    }
    return chain.proceed();
  }

  /** The error for a body over the limit. */
  static ApiError tooLarge(long size, long limit) {
    return ApiError.of(ErrorType.REQUEST_TOO_LARGE,
        "Request body of " + size + " bytes exceeds the limit of " + limit + " bytes");
  }

  /** Fails the request and closes the connection after the answer: the unread body makes it unusable. */
  static Future<Reply> fail(ApiError error, Chain chain) {
    ConnectionClose.afterResponse(chain.exchange());
    return Future.failedFuture(error.exception());
  }

  private static boolean isJson(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    return media.equals("application/json") || media.endsWith("+json");
  }
}
