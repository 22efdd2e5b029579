package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.faults.Fault;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Sends a non-streaming response once it is due, applying the request's scripted delay, stall or dropped
 * connection. Every non-streaming answer, success or error, goes through here.
 */
final class Delivery {
  /**
   * A complete response.
   *
   * @param status      HTTP status
   * @param contentType Content-Type
   * @param body        body bytes
   * @param headers     further headers
   */
  record Response(int status, String contentType, byte[] body, Map<String, String> headers) {}

  private Delivery() {}

  /**
   * Sends a response after {@code readyInNanos} (plus any scripted delay or stall).
   *
   * @param lastMoment sets headers that must be computed at write time (latency), or null
   */
  static void send(Exchange exchange, Response response, long readyInNanos, Consumer<HttpServerResponse> lastMoment) {
    long delay = readyInNanos;
    Fault fault = exchange.fault();
    if (fault instanceof Fault.Delay d) {
      delay += d.firstByte().toNanos();
    } else if (fault instanceof Fault.Stall stall) {
      if (stall.duration() == null) {
        return; // held until the client gives up
      }
      delay += stall.duration().toNanos();
    }
    exchange.later(delay, () -> write(exchange, response, lastMoment));
  }

  private static void write(Exchange exchange, Response response, Consumer<HttpServerResponse> lastMoment) {
    if (exchange.gone()) {
      return;
    }
    boolean drop = exchange.fault() instanceof Fault.DropConnection;
    if (drop && ((Fault.DropConnection) exchange.fault()).afterEvents() == 0) {
      exchange.dropConnection();
      return;
    }
    HttpServerResponse http = exchange.response();
    http.setStatusCode(response.status())
        .putHeader("Content-Type", response.contentType())
        .putHeader("x-amzn-RequestId", exchange.requestId());
    response.headers().forEach(http::putHeader);
    if (lastMoment != null) {
      lastMoment.accept(http);
    }
    exchange.headersSent(response.status());
    if (drop) {
      // A connection lost mid-body: the declared length promises more than ever arrives.
      http.putHeader("Content-Length", String.valueOf(response.body().length));
      http.write(Buffer.buffer().appendBytes(response.body(), 0, response.body().length / 2))
          .onComplete(written -> exchange.dropConnection());
      return;
    }
    exchange.end(Buffer.buffer(response.body()));
  }
}
