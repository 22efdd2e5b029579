package dev.claudebedrock.proxy.server;

import io.vertx.core.http.HttpServerResponse;

/** Closes a client connection once the current response is written. */
final class ConnectionClose {
  private ConnectionClose() {}

  /** Asks the client to reconnect, and closes the socket after the response. */
  static void afterResponse(Exchange exchange) {
    HttpServerResponse response = exchange.request().response();
    response.putHeader("connection", "close");
    response.endHandler(v -> exchange.request().connection().close());
  }
}
