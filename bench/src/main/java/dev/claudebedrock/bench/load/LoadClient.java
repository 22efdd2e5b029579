package dev.claudebedrock.bench.load;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator's HTTP side: Vert.x with two event loops, each with its own keep-alive connection pool, so a
 * request and its connection live on one loop and no hop between threads enters the measurement. Requests are
 * dealt to the loops in turn.
 */
public final class LoadClient implements AutoCloseable {
  private static final int EVENT_LOOPS = 2;
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int IDLE_TIMEOUT_MS = 120_000;

  private record Lane(Context context, HttpClient http) {}

  private record PayloadKey(Api api, String model, Workload workload) {}

  private final Vertx vertx;
  private final List<Lane> lanes;
  private final AtomicInteger nextLane = new AtomicInteger();
  private final Map<PayloadKey, Payload> payloads = new ConcurrentHashMap<>();
  private final LongAdder requestsSent = new LongAdder();

  /** Requests sent since the client opened, warm-ups included: what a proxy served over a leg. */
  public long requestsSent() {
    return requestsSent.sum();
  }

  private LoadClient(Vertx vertx, List<Lane> lanes) {
    this.vertx = vertx;
    this.lanes = List.copyOf(lanes);
  }

  /** A client keeping up to {@code connectionsPerTarget} connections to each host and port, per event loop. */
  public static LoadClient open(int connectionsPerTarget) {
    if (connectionsPerTarget < 1) {
      throw new IllegalArgumentException("connections per target " + connectionsPerTarget + ": expected 1 or more");
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS));
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setDecompressionSupported(false)
        .setMaxHeaderSize(64 * 1024);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connectionsPerTarget).setMaxWaitQueueSize(-1);
    // One context per event loop; the clients are made afterwards, because making one takes an event loop from
    // Vert.x's round robin, and two contexts could then share a loop.
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(EVENT_LOOPS)).await();
    return new LoadClient(vertx, contexts.stream()
        .map(context -> new Lane(context, vertx.createHttpClient(options, pool))).toList());
  }

  /**
   * Sends one request on the next event loop; its latency counts from {@code intendedNanos} ({@link System#nanoTime}
   * when it was due). The future completes when the exchange has ended, whatever its outcome.
   */
  public Future<Void> send(Target target, Workload workload, long intendedNanos, Recording recording) {
    Payload payload = payloads.computeIfAbsent(new PayloadKey(target.api(), target.model(), workload),
        key -> RequestBodies.payload(key.api(), key.model(), key.workload()));
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(target.baseUrl().getHost())
        .setPort(target.port())
        .setSsl(target.tls())
        .setURI(target.requestUri(workload.stream()))
        .setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setIdleTimeout(IDLE_TIMEOUT_MS);
    target.headers().forEach(options::putHeader);
    payload.headers().forEach(options::putHeader);
    Lane lane = lanes.get(Math.floorMod(nextLane.getAndIncrement(), lanes.size()));
    Promise<Void> done = Promise.promise();
    recording.sent();
    requestsSent.increment();
    lane.context().runOnContext(v -> new Exchange(target.api(), intendedNanos, recording, done)
        .start(lane.http(), options, Buffer.buffer(payload.body())));
    return done.future();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
