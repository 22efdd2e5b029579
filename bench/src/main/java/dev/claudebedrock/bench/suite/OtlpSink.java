package dev.claudebedrock.bench.suite;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the traced gateway exports its spans and metrics during the suite: an OTLP/HTTP endpoint on loopback that
 * accepts every export (an empty protobuf answer is a valid one) and counts them, so the measured cost is the
 * gateway's own and not a collector's.
 */
final class OtlpSink implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final LongAdder exports = new LongAdder();

  OtlpSink() {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
      exports.increment();
      request.response().putHeader("content-type", "application/x-protobuf").end();
    })).listen(0, "127.0.0.1").await();
  }

  /** What {@code OTEL_EXPORTER_OTLP_ENDPOINT} says. */
  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Export requests received. */
  long exports() {
    return exports.sum();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
