package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/** {@code GET /metrics}: every metric in the Prometheus text format. */
public final class MetricsEndpoint implements Interceptor {
  private final Metrics metrics;

  public MetricsEndpoint(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    return Future.succeededFuture(new Reply.Complete(200,
        HttpHeaders.headers().add("content-type", "text/plain; version=0.0.4; charset=utf-8"),
        Buffer.buffer(metrics.scrape())));
  }
}
