package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.config.UpstreamConfig;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemTrustOptions;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed requests to AWS over pooled keep-alive connections, one client per event loop.
 * The response comes back paused, so its consumer decides when bytes start to flow.
 */
public final class BedrockHttpClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BedrockHttpClient.class);

  private final Vertx vertx;
  private final HttpClient http1;
  private final HttpClient tls;
  private final HttpClient plain;
  private final long firstByteTimeoutMs;
  private final long streamFirstByteTimeoutMs;

  /**
   * One client per protocol choice: HTTP/2 is negotiated with ALPN over TLS (Bedrock offers it: one
   * connection carries many streams) and used with prior knowledge over plain HTTP only when asked.
   */
  public BedrockHttpClient(Vertx vertx, UpstreamConfig config, int eventLoops) {
    this(vertx, config, eventLoops, Integer.MAX_VALUE);
  }

  /**
   * @param maxWaiting requests that may wait for a pooled connection; the gateway's admission limit, which no
   *     queue of requests in flight can exceed, so a request never fails for it in practice but the queue is bounded
   */
  public BedrockHttpClient(Vertx vertx, UpstreamConfig config, int eventLoops, int maxWaiting) {
    this.vertx = vertx;
    this.firstByteTimeoutMs = config.firstByteTimeout().toMillis();
    this.streamFirstByteTimeoutMs = config.streamFirstByteTimeout().toMillis();
    int perLoop = Math.max(1, config.maxConnections() / Math.max(1, eventLoops));
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(perLoop).setHttp2MaxSize(perLoop)
        .setMaxWaitQueueSize(maxWaiting);
    this.http1 = vertx.createHttpClient(options(config), pool);
    UpstreamConfig.HttpVersion version = config.httpVersion();
    HttpClient h2 = version == UpstreamConfig.HttpVersion.HTTP_1_1 ? http1 : vertx.createHttpClient(options(config)
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setUseAlpn(true)
        .setHttp2ClearTextUpgrade(false)
        .setHttp2KeepAliveTimeout((int) config.keepAlive().toSeconds()), pool);
    this.tls = h2;
    this.plain = version == UpstreamConfig.HttpVersion.HTTP_2 ? h2 : http1;
  }

  private static HttpClientOptions options(UpstreamConfig config) {
    HttpClientOptions options = new HttpClientOptions();
    if (!config.caBundle().isEmpty()) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(config.caBundle()));
    }
    return options
        .setKeepAlive(true)
        .setKeepAliveTimeout((int) config.keepAlive().toSeconds())
        .setConnectTimeout((int) config.connectTimeout().toMillis())
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        .setMaxHeaderSize(64 * 1024)
        .setMaxInitialLineLength(16 * 1024);
  }

  /** Sends a request whose answer comes whole (the first-byte timeout of non-streaming calls applies). */
  public Future<HttpClientResponse> send(SignableRequest request, Consumer<Runnable> onCancel) {
    return send(request, false, onCancel);
  }

  /**
   * Sends the request. The future fails with {@link UpstreamException} when no response headers
   * arrive within the first-byte timeout ({@code upstream.stream_first_byte_timeout_ms} when the answer
   * is an event stream, else {@code upstream.first_byte_timeout_ms}); {@code onCancel} receives an action
   * the caller runs to abort (the client left).
   */
  public Future<HttpClientResponse> send(SignableRequest request, boolean eventStream, Consumer<Runnable> onCancel) {
    // The signature covers the host the endpoint names; the client sends it itself, as the Host
    // header of HTTP/1.1 or the :authority of HTTP/2, where a host header as well would be a duplicate.
    MultiMap headers = request.headers();
    headers.remove("host");
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.valueOf(request.method()))
        .setHost(request.endpoint().host())
        .setPort(request.endpoint().port())
        .setSsl(request.endpoint().tls())
        .setURI(request.wirePath())
        .setHeaders(headers)
        .setFollowRedirects(false);
    Sending sending = new Sending(request, eventStream ? streamFirstByteTimeoutMs : firstByteTimeoutMs, onCancel);
    HttpClient client = request.endpoint().tls() ? tls : plain;
    client.request(options).onComplete(sending);
    return sending.result.future();
  }

  /**
   * One request on its way: it takes the connection, sends, waits for the response's headers until its first-byte
   * deadline, and is the action that cancels it; one object for what would otherwise be a lambda each.
   */
  private final class Sending extends FirstByteDeadlines.Deadline
      implements
        Handler<AsyncResult<HttpClientRequest>>,
        Runnable {
    private final SignableRequest request;
    private final long timeoutMs;
    private final Consumer<Runnable> onCancel;
    private final Promise<HttpClientResponse> result = Promise.promise();
    private HttpClientRequest outgoing;

    Sending(SignableRequest request, long timeoutMs, Consumer<Runnable> onCancel) {
      this.request = request;
      this.timeoutMs = timeoutMs;
      this.onCancel = onCancel;
    }

    /** The client has a connection (or has none to give). */
    @Override
    public void handle(AsyncResult<HttpClientRequest> created) {
      if (created.failed()) {
        result.tryFail(classify(created.cause(), request.endpoint().authority()));
        return;
      }
      outgoing = created.result();
      outgoing.authority(request.endpoint().defaultPort()
          ? HostAndPort.authority(request.endpoint().host())
          : HostAndPort.authority(request.endpoint().host(), request.endpoint().port()));
      FirstByteDeadlines.arm(vertx, this, timeoutMs);
      onCancel.accept(this);
      Future<HttpClientResponse> sent = request.body() == null ? outgoing.send() : outgoing.send(request.body());
      sent.onComplete(this::answered);
    }

    private void answered(AsyncResult<HttpClientResponse> ar) {
      disarm();
      if (ar.succeeded()) {
        HttpClientResponse response = ar.result();
        response.pause();
        if (!result.tryComplete(response)) {
          outgoing.reset();
        }
      } else {
        result.tryFail(classify(ar.cause(), request.endpoint().authority()));
      }
    }

    @Override
    protected void expired() {
      if (result.tryFail(new UpstreamException(UpstreamException.Kind.TIMEOUT, request.endpoint().authority(),
          "no response within " + timeoutMs + " ms", null))) {
        outgoing.reset();
      }
    }

    /** The caller's cancel action (the client left). */
    @Override
    public void run() {
      if (result.tryFail(new UpstreamException(UpstreamException.Kind.CANCELLED, request.endpoint().authority(),
          "cancelled", null))) {
        disarm();
      }
      outgoing.reset();
    }
  }

  private static UpstreamException classify(Throwable failure, String authority) {
    if (failure instanceof UpstreamException upstream) {
      return upstream;
    }
    log.debug("Bedrock request to {} failed", authority, failure);
    String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    UpstreamException.Kind kind = failure instanceof ConnectException || failure instanceof UnknownHostException
        || failure instanceof ConnectTimeoutException || failure instanceof SSLException
            ? UpstreamException.Kind.CONNECT
            : UpstreamException.Kind.RESET;
    return new UpstreamException(kind, authority, reason, failure);
  }

  @Override
  public void close() {
    http1.close();
    if (tls != http1) {
      tls.close();
    }
  }
}
