package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.anthropic.AnthropicDialect;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.config.ServerConfig;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.server.HttpFront;
import dev.claudebedrock.proxy.server.ReplyWriter;
import dev.claudebedrock.proxy.server.RequestIds;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** One event loop's share of the gateway: a server on the shared port and its own upstream client (closed with it). */
final class ProxyVerticle extends VerticleBase {
  private final LongLivedState state;
  private final RequestPaths paths;
  private final int port;
  private final BedrockHttpClient bedrock;
  private HttpServer server;
  private HttpServer adminServer;
  // Read and replaced on this verticle's event loop only: a request is routed by the front of its moment.
  private HttpFront front;
  private HttpFront adminFront;
  private volatile String thread;

  ProxyVerticle(LongLivedState state, RequestPaths paths, int port, BedrockHttpClient bedrock) {
    this.state = state;
    this.paths = paths;
    this.port = port;
    this.bedrock = bedrock;
  }

  @Override
  public Future<?> start() {
    ServerConfig config = paths.config().server();
    thread = Thread.currentThread().getName();
    fronts(paths);
    server = vertx.createHttpServer(new HttpServerOptions()
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxInitialLineLength(16 * 1024)
        .setCompressionSupported(false)
        .setDecompressionSupported(false)
        .setTcpNoDelay(true)
        .setIdleTimeout(0))
        .requestHandler(request -> front.handle(request))
        .invalidRequestHandler(ProxyVerticle::invalidRequest);
    Future<HttpServer> listening = server.listen(port, config.host());
    int adminPort = paths.config().governance().adminPort();
    if (!paths.config().governance().adminEnabled() || adminPort == 0) {
      return listening;
    }
    adminServer = vertx.createHttpServer(new HttpServerOptions().setMaxHeaderSize(config.maxHeaderBytes())
        .setTcpNoDelay(true).setIdleTimeout(0))
        .requestHandler(request -> adminFront.handle(request))
        .invalidRequestHandler(ProxyVerticle::invalidRequest);
    return listening.compose(s -> adminServer.listen(adminPort, config.host()));
  }

  /**
   * Serves new requests with {@code next}'s routes, switched on this verticle's event loop; requests in flight
   * finish on the routes they started with.
   */
  Future<Void> swap(RequestPaths next) {
    io.vertx.core.Promise<Void> swapped = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      try {
        fronts(next);
        swapped.complete();
      } catch (RuntimeException e) {
        swapped.fail(e);
      }
    });
    return swapped.future();
  }

  private void fronts(RequestPaths next) {
    ReplyWriter writer = new ReplyWriter(vertx, next.timings());
    front = new HttpFront(next.routes(vertx, bedrock), writer, state.health()::draining, state.listener());
    if (next.config().governance().adminEnabled() && next.config().governance().adminPort() != 0) {
      adminFront = new HttpFront(next.adminOnly(vertx), writer, state.health()::draining, state.listener());
    }
  }

  /** The event-loop thread this verticle (its server, its upstream client) runs on. */
  String thread() {
    return thread;
  }

  /** The port the server listens on (the real one when 0 was asked for). */
  int actualPort() {
    return server.actualPort();
  }

  /** Requests the HTTP codec could not even parse (header or request line too long, garbage). */
  private static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    boolean tooLong = cause instanceof TooLongFrameException;
    String text = cause == null ? "" : String.valueOf(cause.getMessage());
    int status = !tooLong ? 400 : text.contains("header") ? 431 : 414;
    ApiError error = new ApiError(ErrorType.INVALID_REQUEST, status,
        tooLong ? "Request headers or request line too large" : "Malformed HTTP request", java.util.Map.of());
    String id = RequestIds.next();
    request.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("request-id", id)
        .putHeader("connection", "close")
        .end(Buffer.buffer(AnthropicDialect.body(error, id)))
        .onComplete(ar -> request.connection().close());
  }

  @Override
  public Future<?> stop() {
    bedrock.close();
    return adminServer == null ? server.close() : server.close().compose(v -> adminServer.close());
  }
}
