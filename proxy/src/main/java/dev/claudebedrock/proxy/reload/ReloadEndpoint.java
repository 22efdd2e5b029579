package dev.claudebedrock.proxy.reload;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * {@code POST /admin/v1/config/reload} reloads the configuration (on a worker thread: it reads files) and answers
 * what happened: 200 with the outcome, or 422 saying exactly what is wrong while the running configuration keeps
 * serving. {@code GET} shows the last reload's outcome.
 */
public final class ReloadEndpoint implements Interceptor {
  /** Where it lives, under the admin API. */
  public static final String PATH = "/admin/v1/config/reload";

  private final Vertx vertx;
  private final Reloader reloader;

  public ReloadEndpoint(Vertx vertx, Reloader reloader) {
    this.vertx = vertx;
    this.reloader = reloader;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    if (chain.exchange().request().method() == HttpMethod.GET) {
      return Future.succeededFuture(json(200, reloader.last()));
    }
    return vertx.executeBlocking(() -> reloader.reload("admin-api"), false).compose(outcome -> outcome.success()
        ? Future.succeededFuture(json(200, outcome))
        : Future.failedFuture(new ApiError(ErrorType.INVALID_REQUEST, 422, "The configuration was not reloaded: "
            + outcome.message() + " The running configuration keeps serving.", Map.of()).exception()));
  }

  private static Reply json(int status, ReloadOutcome outcome) {
    return new Reply.Complete(status, HttpHeaders.headers().add("content-type", "application/json"),
        Buffer.buffer(outcome.toJson().toString()));
  }
}
