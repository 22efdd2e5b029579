package dev.claudebedrock.proxy.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** The server's request handler: route, run the request path, write what it answers. */
public final class HttpFront implements Handler<HttpServerRequest> {
  private final Routes routes;
  private final ReplyWriter writer;
  private final BooleanSupplier draining;
  private final AtomicInteger inFlight;

  /**
   * @param draining whether the gateway is shutting down: only health routes are still served
   * @param inFlight requests not yet finished, for graceful shutdown
   */
  public HttpFront(Routes routes, ReplyWriter writer, BooleanSupplier draining, AtomicInteger inFlight) {
    this.routes = routes;
    this.writer = writer;
    this.draining = draining;
    this.inFlight = inFlight;
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
    Exchange exchange = new Exchange(request, RequestIds.next(), start, path.name(), dialect);
    inFlight.incrementAndGet();
    exchange.onFinish(e -> inFlight.decrementAndGet());
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
