package dev.claudebedrock.proxy.server;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/** Closes a client connection once the current response is written. */
final class ConnectionClose {
  private ConnectionClose() {}

  /**
   * Asks the client to reconnect, and closes the socket after the response. HTTP/2 forbids the
   * {@code connection} header and multiplexes other requests on the connection: there, ending the
   * stream is enough, and the codec discards whatever the client still sends on it.
   */
  static void afterResponse(Exchange exchange) {
    HttpServerRequest request = exchange.request();
    if (request.version() == HttpVersion.HTTP_2) {
      return;
    }
    HttpServerResponse response = request.response();
    response.putHeader("connection", "close");
    response.endHandler(v -> request.connection().close());
  }
}
