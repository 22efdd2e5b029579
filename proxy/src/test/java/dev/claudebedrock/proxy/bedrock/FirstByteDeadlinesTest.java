package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.Endpoint;
import dev.claudebedrock.proxy.config.UpstreamConfig;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * First-byte deadlines kept in one list per event loop and timeout length ({@link FirstByteDeadlines}), over a real
 * socket: an upstream that answers {@code /fast} at once and never answers {@code /silent}.
 */
class FirstByteDeadlinesTest {
  private static final long FIRST_BYTE_MS = 300;
  private static final long STREAM_FIRST_BYTE_MS = 700;

  private Vertx vertx;
  private HttpServer upstream;
  private BedrockHttpClient client;
  private Endpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/fast")) {
        request.response().putHeader("content-type", "application/json").end("{}");
      }
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = new BedrockHttpClient(vertx, new UpstreamConfig(Duration.ofSeconds(2), Duration.ofMillis(FIRST_BYTE_MS),
        Duration.ofMillis(STREAM_FIRST_BYTE_MS), Duration.ofSeconds(5), 10, Duration.ofSeconds(30),
        Duration.ofSeconds(2), Duration.ofSeconds(5), UpstreamConfig.HttpVersion.HTTP_1_1, ""), 1);
    endpoint = Endpoint.parse("http://127.0.0.1:" + upstream.actualPort());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void answeredRequestsLeaveNothingWaitingAndASilentOneSentAfterThemStillTimesOut() throws Exception {
    Context loop = vertx.getOrCreateContext();
    List<Future<Buffer>> fast = on(loop, () -> {
      List<Future<Buffer>> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sent.add(client.send(request("/fast"), cancel -> {}).compose(FirstByteDeadlinesTest::body));
      }
      return sent;
    });
    for (Future<Buffer> answer : fast) {
      assertThat(answer.await(10, TimeUnit.SECONDS).toString()).isEqualTo("{}");
    }
    assertThat(on(loop, FirstByteDeadlines::waitingOnThisLoop)).as("answered: unlinked").isZero();

    long sent = System.nanoTime();
    Throwable failure = failureOf(on(loop, () -> client.send(request("/silent"), cancel -> {})));
    long waitedMs = (System.nanoTime() - sent) / 1_000_000;

    assertThat(failure).isInstanceOf(UpstreamException.class).hasMessageContaining("no response within 300 ms");
    assertThat(((UpstreamException) failure).kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
    assertThat(waitedMs).as("not before its deadline").isGreaterThanOrEqualTo(FIRST_BYTE_MS);
    assertThat(on(loop, FirstByteDeadlines::waitingOnThisLoop)).isZero();
  }

  @Test
  void eachTimeoutLengthExpiresOnItsOwnWhateverTheOrderOfSending() throws Exception {
    Context loop = vertx.getOrCreateContext();
    List<String> ended = new CopyOnWriteArrayList<>();
    Future<HttpClientResponse> stream = on(loop, () -> client.send(request("/silent"), true, cancel -> {}));
    Future<HttpClientResponse> whole = on(loop, () -> client.send(request("/silent"), false, cancel -> {}));
    stream.onFailure(e -> ended.add("stream"));
    whole.onFailure(e -> ended.add("whole"));

    assertThat(failureOf(whole)).hasMessageContaining("no response within 300 ms");
    assertThat(failureOf(stream)).hasMessageContaining("no response within 700 ms");
    assertThat(ended).containsExactly("whole", "stream");
  }

  @Test
  void aCancelledRequestLeavesTheListAndFailsAsCancelled() throws Exception {
    Context loop = vertx.getOrCreateContext();
    AtomicReference<Runnable> cancel = new AtomicReference<>();
    Promise<Void> armed = Promise.promise();
    Future<HttpClientResponse> silent = on(loop, () -> client.send(request("/silent"), action -> {
      cancel.set(action);
      armed.complete();
    }));
    armed.future().await(10, TimeUnit.SECONDS);
    assertThat(on(loop, FirstByteDeadlines::waitingOnThisLoop)).isEqualTo(1);

    on(loop, () -> {
      cancel.get().run();
      return null;
    });

    assertThat(failureOf(silent)).isInstanceOf(UpstreamException.class);
    assertThat(((UpstreamException) failureOf(silent)).kind()).isEqualTo(UpstreamException.Kind.CANCELLED);
    assertThat(on(loop, FirstByteDeadlines::waitingOnThisLoop)).isZero();
  }

  @Test
  void aRequestSentFromAWorkerContextTimesOutOnATimerOfItsOwn() throws Exception {
    Promise<Future<HttpClientResponse>> sentFromWorker = Promise.promise();
    vertx.deployVerticle(new AbstractVerticle() {
      @Override
      public void start() {
        sentFromWorker.complete(client.send(request("/silent"), cancel -> {}));
      }
    }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await(10, TimeUnit.SECONDS);

    Throwable failure = failureOf(sentFromWorker.future().await(10, TimeUnit.SECONDS));

    assertThat(failure).isInstanceOf(UpstreamException.class).hasMessageContaining("no response within 300 ms");
  }

  private SignableRequest request(String path) {
    return new SignableRequest("POST", endpoint, path, HttpHeaders.headers().add("content-type", "application/json"),
        Buffer.buffer("{}"));
  }

  private static Future<Buffer> body(HttpClientResponse response) {
    Future<Buffer> body = response.body();
    response.resume();
    return body;
  }

  /** Runs {@code action} on the context's event loop and returns what it gave. */
  private static <T> T on(Context context, Supplier<T> action) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> result.complete(action.get()));
    return result.future().await(10, TimeUnit.SECONDS);
  }

  /** The failure the future ends with; an assertion error when it succeeds. */
  private static Throwable failureOf(Future<?> future) throws Exception {
    AsyncResult<?> ended = future.<AsyncResult<?>>transform(Future::succeededFuture).await(10, TimeUnit.SECONDS);
    assertThat(ended.failed()).as("the request failed").isTrue();
    return ended.cause();
  }
}
