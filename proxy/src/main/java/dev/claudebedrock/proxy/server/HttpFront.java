package dev.claudebedrock.proxy.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/** The server's request handler: route, run the request path, write what it answers. */
public final class HttpFront implements Handler<HttpServerRequest> {
  private final Routes routes;
  private final ReplyWriter writer;
  private final BooleanSupplier draining;
  private final RequestListener listener;

  /**
   * @param draining whether the gateway is shutting down: only health routes are still served
   * @param listener hears every request from its start to its end
   */
  public HttpFront(Routes routes, ReplyWriter writer, BooleanSupplier draining, RequestListener listener) {
    this.routes = routes;
    this.writer = writer;
    this.draining = draining;
    this.listener = listener;
  }

  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    Route route = routes.match(request.method(), request.path());
    RequestPath path = route == null ? routes.unmatchedPath() : route.path();
    WireDialect dialect = path.dialect();
    if (draining.getAsBoolean() && (route == null || !route.servedWhileDraining())) {
      path = routes.drainingPath();
    }
    Exchange exchange = new Exchange(request, RequestIds.next(), start, path.name(), dialect, listener);
    listener.requestStart(exchange);
    request.response().closeHandler(v -> exchange.clientClosed());
    path.run(exchange).onComplete(result -> {
      if (result.succeeded()) {
        writer.write(exchange, result.result());
      } else {
        writer.fail(exchange, result.cause());
      }
    });
  }
}
