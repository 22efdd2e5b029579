package dev.claudebedrock.sim.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One HTTP server on one event loop. Several instances listening on the same host and port share the socket, and
 * Vert.x spreads connections over them.
 */
public final class SimulatorVerticle extends VerticleBase {
  private final SimulatorServices services;
  private final String host;
  private final int port;
  private volatile HttpServer server;

  /** A verticle serving on {@code host:port}; a negative port picks a free one shared by all such servers. */
  public SimulatorVerticle(SimulatorServices services, String host, int port) {
    this.services = services;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHandle100ContinueAutomatically(true)
        .setMaxHeaderSize(64 * 1024)
        .setMaxInitialLineLength(16 * 1024)
        .setCompressionSupported(false)
        .setDecompressionSupported(false);
    return vertx.createHttpServer(options)
        .requestHandler(new RequestDispatcher(vertx, services))
        .listen(port, host)
        .onSuccess(listening -> server = listening);
  }

  /** The port actually listened on. */
  public int actualPort() {
    return server.actualPort();
  }
}
