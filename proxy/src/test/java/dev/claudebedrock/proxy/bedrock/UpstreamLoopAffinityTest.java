package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.Endpoint;
import dev.claudebedrock.proxy.config.UpstreamConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whether a streamed answer's bytes are read on the event loop that relays them. The gateway gives every event loop
 * its own {@link BedrockHttpClient} (built before the verticles, outside any context, as {@code ProxyServer} does);
 * Vert.x creates a pooled connection on the event loop of the request that needs it. If a connection made on one loop
 * served a request of another, every chunk would be read on the first and handed to the second as a task (a queue
 * and a wake-up per event). Here each chunk's handler checks that the connection it arrived on does its I/O on the
 * handler's own thread; a client shared by two loops with one connection shows the check failing when they do cross.
 */
class UpstreamLoopAffinityTest {
  private static final int CHUNKS = 20;
  private static Vertx upstreamVertx;
  private static HttpServer upstream;

  @BeforeAll
  static void startUpstream() throws Exception {
    upstreamVertx = Vertx.vertx();
    // A paced stream, as Bedrock's and the simulator's are: one chunk every 2 ms, each read on its own.
    upstream = upstreamVertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
        .requestHandler(request -> {
          HttpServerResponse response = request.response().setChunked(true)
              .putHeader("content-type", "application/vnd.amazon.eventstream");
          AtomicInteger sent = new AtomicInteger();
          upstreamVertx.setPeriodic(2, id -> {
            if (sent.incrementAndGet() > CHUNKS) {
              upstreamVertx.cancelTimer(id);
              response.end();
            } else {
              response.write("chunk " + sent.get() + "\n");
            }
          });
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopUpstream() {
    upstreamVertx.close().await();
  }

  /** One loop's verticle sending streamed requests through its client and checking where each chunk was read. */
  private static final class Caller extends VerticleBase {
    private final BedrockHttpClient client;
    private final int streams;
    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger chunks = new AtomicInteger();
    private final AtomicInteger crossed = new AtomicInteger();

    Caller(BedrockHttpClient client, int streams) {
      this.client = client;
      this.streams = streams;
    }

    Future<Void> stream() {
      Promise<Void> all = Promise.promise();
      context.runOnContext(v -> {
        List<Future<Void>> done = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
          done.add(client.send(request(), true, cancel -> {}).compose(this::read));
        }
        Future.all(done).<Void>mapEmpty().onComplete(all);
      });
      return all.future();
    }

    private Future<Void> read(HttpClientResponse response) {
      Promise<Void> ended = Promise.promise();
      HttpConnection connection = response.request().connection();
      response.handler(chunk -> {
        chunks.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        if (!readsOnThisThread(connection)) {
          crossed.incrementAndGet();
        }
      });
      response.endHandler(v -> ended.complete());
      response.exceptionHandler(ended::tryFail);
      response.resume();
      return ended.future();
    }
  }

  /** Whether the connection's socket is served by the calling thread's event loop (Vert.x's internal view of it). */
  private static boolean readsOnThisThread(HttpConnection connection) {
    return ((io.vertx.core.http.impl.HttpClientConnection) connection).channelHandlerContext().executor()
        .inEventLoop();
  }

  private static SignableRequest request() {
    Endpoint endpoint = Endpoint.parse("http://127.0.0.1:" + upstream.actualPort());
    return new SignableRequest("POST", endpoint, "/model/m/invoke-with-response-stream",
        HttpHeaders.headers().add("host", endpoint.authority()), io.vertx.core.buffer.Buffer.buffer("{}"));
  }

  private static UpstreamConfig config(UpstreamConfig.HttpVersion version, int maxConnections) {
    return new UpstreamConfig(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5), maxConnections, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5),
        version, "");
  }

  @ParameterizedTest(name = "upstream HTTP/{0}")
  @EnumSource(value = UpstreamConfig.HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
  void eachLoopReadsItsStreamsOnItsOwnConnections(UpstreamConfig.HttpVersion version) throws Exception {
    int loops = 2;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    try {
      // As ProxyServer wires it: the clients first, outside any context, then one verticle per loop, each with one.
      List<BedrockHttpClient> clients = new ArrayList<>();
      for (int i = 0; i < loops; i++) {
        clients.add(new BedrockHttpClient(vertx, config(version, 1_000), loops));
      }
      Iterator<BedrockHttpClient> unused = clients.iterator();
      List<Caller> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
      vertx.deployVerticle(() -> {
        Caller caller = new Caller(unused.next(), 8);
        callers.add(caller);
        return caller;
      }, new DeploymentOptions().setInstances(loops)).await(10, TimeUnit.SECONDS);

      for (int round = 0; round < 3; round++) { // later rounds reuse the pooled connections
        Future.all(callers.stream().map(Caller::stream).toList()).await(20, TimeUnit.SECONDS);
      }

      assertThat(callers).allSatisfy(caller -> {
        assertThat(caller.chunks.get()).isGreaterThanOrEqualTo(3 * 8 * CHUNKS / 2);
        assertThat(caller.crossed.get()).as("chunks read on another loop's connection").isZero();
        assertThat(caller.threads).hasSize(1);
      });
      assertThat(callers.get(0).threads).doesNotContainAnyElementsOf(callers.get(1).threads);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theCheckSeesAConnectionOfAnotherLoopWhenOneClientIsShared() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      // One client for both loops and one connection in its pool: the second loop must borrow the first's.
      BedrockHttpClient shared = new BedrockHttpClient(vertx, config(UpstreamConfig.HttpVersion.HTTP_1_1, 1), 1);
      Caller first = new Caller(shared, 1);
      Caller second = new Caller(shared, 1);
      Iterator<Caller> callers = List.of(first, second).iterator();
      vertx.deployVerticle(callers::next, new DeploymentOptions().setInstances(2)).await(10, TimeUnit.SECONDS);

      first.stream().await(20, TimeUnit.SECONDS);
      second.stream().await(20, TimeUnit.SECONDS);

      assertThat(first.threads).doesNotContainAnyElementsOf(second.threads);
      assertThat(first.crossed.get()).isZero();
      assertThat(second.crossed.get()).isEqualTo(second.chunks.get()).isPositive();
    } finally {
      vertx.close().await();
    }
  }
}
