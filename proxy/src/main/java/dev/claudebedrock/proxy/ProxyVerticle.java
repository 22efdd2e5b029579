package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.anthropic.AnthropicDialect;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.config.ServerConfig;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.server.ConnectionGuard;
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
import java.util.function.Supplier;

/** One event loop's share of the gateway: a server on the shared port and its own upstream client (closed with it). */
final class ProxyVerticle extends VerticleBase {
  private final LongLivedState state;
  private final RequestPaths paths;
  private final int port;
  private final BedrockHttpClient bedrock;
  private HttpServer server;
  private HttpServer adminServer;
  private ConnectionGuard guard;
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
    // Connection timeouts and the connection limit are the guard's: Vert.x's own idle timeout would also cut a
    // request waiting minutes for Bedrock's answer, so it stays off.
    guard = new ConnectionGuard(vertx, config.headerReadTimeout(), config.idleTimeout(), state.connections(),
        reason -> state.metrics().connectionClosed(reason.label()));
    server = server(config, () -> front);
    Future<HttpServer> listening = server.listen(port, config.host());
    int adminPort = paths.config().governance().adminPort();
    if (!paths.config().governance().adminEnabled() || adminPort == 0) {
      return listening;
    }
    adminServer = server(config, () -> adminFront);
    return listening.compose(s -> adminServer.listen(adminPort, config.host()));
  }

  /** A server with the gateway's limits and connection guard, serving requests with the routes of the moment. */
  private HttpServer server(ServerConfig config, Supplier<HttpFront> routes) {
    return vertx.createHttpServer(new HttpServerOptions()
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxInitialLineLength(16 * 1024)
        .setCompressionSupported(false)
        .setDecompressionSupported(false)
        .setTcpNoDelay(true)
        .setHttp2ClearTextEnabled(config.h2c())
        .setIdleTimeout(0))
        .connectionHandler(guard::accept)
        // With a handshake handler set, Vert.x hands requests of an HTTP version it does not speak to the request
        // handler (else it answers a bare 501 itself); the gateway serves no WebSockets.
        .webSocketHandshakeHandler(handshake -> handshake.reject(404))
        .requestHandler(request -> {
          guard.requestStarted(request);
          if (request.version() == null) {
            unsupportedVersion(request);
            return;
          }
          routes.get().handle(request);
        })
        .invalidRequestHandler(request -> {
          guard.requestStarted(request);
          invalidRequest(request);
        });
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
    refuse(request, new ApiError(ErrorType.INVALID_REQUEST, status,
        tooLong ? "Request headers or request line too large" : "Malformed HTTP request", java.util.Map.of()));
  }

  /** A request line naming an HTTP version other than 1.0, 1.1 (or 2 over h2c), such as {@code HTTP/9.9}. */
  private static void unsupportedVersion(HttpServerRequest request) {
    refuse(request, new ApiError(ErrorType.INVALID_REQUEST, 505,
        "HTTP version not supported: use HTTP/1.1 (or HTTP/2)", java.util.Map.of()));
  }

  private static void refuse(HttpServerRequest request, ApiError error) {
    int status = error.status();
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
    guard.close();
    bedrock.close();
    return adminServer == null ? server.close() : server.close().compose(v -> adminServer.close());
  }
}
