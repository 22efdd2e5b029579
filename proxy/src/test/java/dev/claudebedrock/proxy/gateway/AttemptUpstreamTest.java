package dev.claudebedrock.proxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.InferenceProfileCatalog;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.bedrock.SignableRequest;
import dev.claudebedrock.proxy.bedrock.UpstreamAuth;
import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.config.CircuitBreakerConfig;
import dev.claudebedrock.proxy.config.Endpoint;
import dev.claudebedrock.proxy.config.RetryConfig;
import dev.claudebedrock.proxy.config.Switch;
import dev.claudebedrock.proxy.config.UpstreamConfig;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.testing.RecordingListener;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attempt stage on its own, as the last stage of a fake chain: two targets behind a scripted
 * upstream on a loopback socket, and a listener that writes down every attempt.
 */
class AttemptUpstreamTest {
  private static final UpstreamAuth UNSIGNED = new UpstreamAuth() {
    @Override
    public void apply(SignableRequest request) {}

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public String describe() {
      return "unsigned";
    }
  };
  private static final UpstreamAuth NO_CREDENTIALS = new UpstreamAuth() {
    @Override
    public void apply(SignableRequest request) {
      throw new UpstreamException(UpstreamException.Kind.NO_CREDENTIALS, request.endpoint().authority(),
          "no credentials in this test", null);
    }

    @Override
    public boolean ready() {
      return false;
    }

    @Override
    public String describe() {
      return "none";
    }
  };

  private final Map<String, Deque<int[]>> script = new ConcurrentHashMap<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final RecordingListener listener = new RecordingListener();
  private Vertx vertx;
  private HttpServer upstream;
  private BedrockHttpClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String target = request.path().split("/")[1];
      received.add(target);
      int[] answer = script.getOrDefault(target, new ArrayDeque<>()).poll();
      int status = answer == null ? 200 : answer[0];
      request.response().setStatusCode(status).putHeader("content-type", "application/json")
          .putHeader("x-amzn-requestid", "up-" + received.size());
      if (status >= 400) {
        request.response().putHeader("x-amzn-errortype", errorType(status));
      }
      request.response().end(status >= 400 ? "{\"message\":\"scripted\"}" : "{\"ok\":true}");
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = new BedrockHttpClient(vertx,
        new UpstreamConfig(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5), 10, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5),
            UpstreamConfig.HttpVersion.HTTP_1_1, ""),
        1);
  }

  @AfterEach
  void stop() {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void oneAnsweringTargetMakesOneAttempt() throws Exception {
    AsyncResult<Reply> reply = run(plan(target("a", UNSIGNED), target("b", UNSIGNED)), 3);

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(received).containsExactly("a");
    assertThat(listener.events()).containsExactly(
        "attemptStart 1 a invoke model-a sent",
        "upstreamHeaders 1 a 200",
        "attemptEnd 1 a SUCCESS");
  }

  @Test
  void anUnavailableTargetFailsOverToTheNextAndCountsAgainstItsCircuit() throws Exception {
    script("a", 503);
    Target a = target("a", UNSIGNED);

    AsyncResult<Reply> reply = run(plan(a, target("b", UNSIGNED)), 3);

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(received).containsExactly("a", "b");
    assertThat(listener.events()).containsExactly(
        "attemptStart 1 a invoke model-a sent",
        "upstreamHeaders 1 a 503",
        "attemptEnd 1 a UNAVAILABLE ServiceUnavailableException circuit=open",
        "failover a b",
        "attemptStart 2 b invoke model-b sent",
        "upstreamHeaders 2 b 200",
        "attemptEnd 2 b SUCCESS");
    assertThat(a.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void throttlingEverywhereAnswersTheLastThrottleWithoutBlamingTheTargets() throws Exception {
    script("a", 429);
    script("b", 429);
    Target a = target("a", UNSIGNED);

    AsyncResult<Reply> reply = run(plan(a, target("b", UNSIGNED)), 2);

    assertThat(reply.result().status()).isEqualTo(429);
    assertThat(listener.events()).filteredOn(e -> e.startsWith("attemptEnd")).containsExactly(
        "attemptEnd 1 a THROTTLED ThrottlingException",
        "attemptEnd 2 b THROTTLED ThrottlingException");
    assertThat(a.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aRequestBedrockCallsInvalidIsNotRetried() throws Exception {
    script("a", 400);

    AsyncResult<Reply> reply = run(plan(target("a", UNSIGNED), target("b", UNSIGNED)), 3);

    assertThat(reply.result().status()).isEqualTo(400);
    assertThat(received).containsExactly("a");
    assertThat(listener.events()).last().isEqualTo("attemptEnd 1 a REJECTED ValidationException");
  }

  @Test
  void aTargetWithoutCredentialsIsSkippedWithoutSendingAnything() throws Exception {
    AsyncResult<Reply> reply = run(plan(target("a", NO_CREDENTIALS), target("b", UNSIGNED)), 3);

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(received).containsExactly("b");
    assertThat(listener.events()).containsExactly(
        "attemptStart 1 a invoke model-a unsent",
        "attemptEnd 1 a UNAUTHENTICATED",
        "failover a b",
        "attemptStart 2 b invoke model-b sent",
        "upstreamHeaders 2 b 200",
        "attemptEnd 2 b SUCCESS");
  }

  @Test
  void anUnreachableUpstreamIsAnApiErrorThatInvitesARetry() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Target nowhere = new Target("nowhere", "us-east-1", Endpoint.parse("http://127.0.0.1:" + closed), null, UNSIGNED,
        "", new InferenceProfileCatalog(), breaker("nowhere"));

    AsyncResult<Reply> reply = run(plan(nowhere), 1);

    assertThat(reply.cause()).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.error().type()).isEqualTo(ErrorType.API);
      assertThat(e.error().status()).isEqualTo(502);
      assertThat(e.error().message()).isEqualTo("Bedrock cannot be reached from the gateway; retry the request");
    });
    assertThat(listener.events()).containsExactly(
        "attemptStart 1 nowhere invoke model-nowhere sent",
        "attemptEnd 1 nowhere CONNECTION ConnectionFailure circuit=open");
  }

  @Test
  void aTargetWhoseCircuitIsOpenIsNotTried() throws Exception {
    Target a = target("a", UNSIGNED);
    a.breaker().onFailure(System.nanoTime());

    AsyncResult<Reply> reply = run(plan(a, target("b", UNSIGNED)), 3);

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(received).containsExactly("b");
    assertThat(listener.events()).first().isEqualTo("attemptStart 1 b invoke model-b sent skipped=a");
  }

  @Test
  void whenEveryTargetsCircuitIsOpenTheRequestGoesThroughAnywayAndItsSuccessClosesTheCircuit() throws Exception {
    Target a = target("a", UNSIGNED);
    Target b = target("b", UNSIGNED);
    a.breaker().onFailure(System.nanoTime());
    b.breaker().onFailure(System.nanoTime());

    AsyncResult<Reply> reply = run(plan(a, b), 3);

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(received).containsExactly("a");
    assertThat(listener.events()).containsExactly(
        "attemptStart 1 a invoke model-a sent skipped=a,b panic",
        "upstreamHeaders 1 a 200",
        "attemptEnd 1 a SUCCESS circuit=closed");
    assertThat(a.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(b.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void inPanicFailuresMoveOnThroughTheTargetsAsUsual() throws Exception {
    script("a", 503);
    Target a = target("a", UNSIGNED);
    Target b = target("b", UNSIGNED);
    a.breaker().onFailure(System.nanoTime());
    b.breaker().onFailure(System.nanoTime());

    AsyncResult<Reply> reply = run(plan(a, b), 3);

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(received).containsExactly("a", "b");
    assertThat(listener.events()).filteredOn(e -> e.startsWith("attempt")).containsExactly(
        "attemptStart 1 a invoke model-a sent skipped=a,b panic",
        "attemptEnd 1 a UNAVAILABLE ServiceUnavailableException",
        "attemptStart 2 b invoke model-b sent skipped=b,a panic",
        "attemptEnd 2 b SUCCESS circuit=closed");
    assertThat(a.breaker().state()).as("failed again: stays open").isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void withoutPanicARequestWhoseTargetsAreAllOpenIsRefusedWithoutAnUpstreamCall() throws Exception {
    Target a = target("a", UNSIGNED);
    a.breaker().onFailure(System.nanoTime());

    AsyncResult<Reply> reply = run(plan(a), 3, false);

    assertThat(reply.cause()).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.error().type()).isEqualTo(ErrorType.OVERLOADED);
      assertThat(e.error().message()).contains("open circuit");
    });
    assertThat(received).isEmpty();
    assertThat(listener.events()).isEmpty();
  }

  private AsyncResult<Reply> run(Plan plan, int maxAttempts) throws Exception {
    return run(plan, maxAttempts, true);
  }

  private AsyncResult<Reply> run(Plan plan, int maxAttempts, boolean panic) throws Exception {
    AttemptUpstream stage = new AttemptUpstream(vertx, client, new RetryPolicy(
        new RetryConfig(maxAttempts, Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(2))), panic);
    Exchange exchange = new Exchange(null, "req_test", System.nanoTime(), "/v1/messages", null, listener);
    exchange.put(Plan.KEY, plan);
    exchange.put(BedrockCall.KEY, new BedrockCall(Operation.INVOKE, "POST", null,
        HttpHeaders.headers().add("content-type", "application/json"), Buffer.buffer("{}")));
    Interceptor.Chain last = new Interceptor.Chain() {
      @Override
      public Exchange exchange() {
        return exchange;
      }

      @Override
      public Future<Reply> proceed() {
        throw new AssertionError("the attempt stage is the last one");
      }
    };
    CompletableFuture<AsyncResult<Reply>> done = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> stage.intercept(last).onComplete(done::complete));
    return done.get(20, TimeUnit.SECONDS);
  }

  private Plan plan(Target... targets) {
    List<Plan.Step> steps = new ArrayList<>();
    for (Target target : targets) {
      steps.add(new Plan.Step(target, "model-" + target.name(), "model-" + target.name()));
    }
    return new Plan(new ResolvedModel("model", "model-" + targets[0].name(), ""), "test", steps);
  }

  private Target target(String name, UpstreamAuth auth) {
    Endpoint endpoint = Endpoint.parse("http://127.0.0.1:" + upstream.actualPort() + "/" + name);
    return new Target(name, "us-east-1", endpoint, endpoint, auth, "", new InferenceProfileCatalog(), breaker(name));
  }

  private static CircuitBreaker breaker(String name) {
    return new CircuitBreaker(name, new CircuitBreakerConfig(Switch.ALWAYS, 1, 50,
        Duration.ofSeconds(10), 100, Duration.ofSeconds(30), true), true);
  }

  private void script(String target, int... statuses) {
    Deque<int[]> answers = script.computeIfAbsent(target, t -> new ArrayDeque<>());
    for (int status : statuses) {
      answers.add(new int[] {status});
    }
  }

  private static String errorType(int status) {
    return switch (status) {
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> "ValidationException";
    };
  }
}
