package dev.claudebedrock.sim.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.Frames;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.RawSocket;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import dev.claudebedrock.sim.testing.Streams;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.eventstream.Message;

/** What each scripted fault does to a real connection. */
class FaultBehaviourTest {
  private static final String INVOKE = "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke";
  private static final String STREAM = "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/invoke-with-response-stream";
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
  }

  @Test
  void dropsTheConnectionBeforeAnyResponseByte() {
    sim.faults().script(FaultScript.dropConnection(0));

    assertThatThrownBy(() -> RawHttp.postJson(sim, INVOKE, Bodies.invoke("x")))
        .isInstanceOf(UncheckedIOException.class);
    RecordedRequest recorded = sim.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
    assertThat(recorded.status()).isZero();
    assertThat(recorded.completed()).isFalse();
    assertThat(recorded.cancelled()).isFalse();
    assertThat(recorded.fault()).isEqualTo(new Fault.DropConnection(0));
  }

  @Test
  void dropsAStreamAfterKEvents() {
    sim.faults().script(FaultScript.dropConnection(3));

    try (RawSocket socket = RawSocket.post(sim, STREAM, Bodies.invoke("one two three four five six").toString())) {
      assertThat(socket.readHead()).startsWith("HTTP/1.1 200 OK");
      assertThat(Frames.decode(socket.readChunkedBody())).hasSize(3);
    }
    RecordedRequest recorded = sim.requests().getLast();
    assertThat(recorded.eventsSent()).isEqualTo(3);
    assertThat(recorded.completed()).isFalse();
  }

  @Test
  void cutsANonStreamingBodyShortWhenDroppingAfterEvents() {
    sim.faults().script(FaultScript.dropConnection(1));

    Streams.Received received = Streams.readAll(post(INVOKE, "half a body"));

    assertThat(received.status()).isEqualTo(200);
    assertThat(received.failure()).isNotNull();
    assertThat(received.headers().firstValueAsLong("content-length").orElseThrow())
        .isGreaterThan(received.bytes().length);
  }

  @Test
  void endsAStreamWithAnExceptionFrameAfterKEvents() {
    sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.THROTTLING, 4));

    HttpResponse<byte[]> response = RawHttp.postJson(sim, STREAM, Bodies.invoke("a b c d e f g"));

    List<Message> frames = Frames.decode(response.body());
    assertThat(frames).hasSize(5);
    Message last = frames.getLast();
    assertThat(Frames.header(last, ":message-type")).isEqualTo("exception");
    assertThat(Frames.header(last, ":exception-type")).isEqualTo("throttlingException");
    assertThat(Frames.payload(last).path("message").asText())
        .isEqualTo(StreamExceptionType.THROTTLING.defaultMessage());
    assertThat(sim.requests().getLast().completed()).isTrue();
  }

  @Test
  void noticesWhenTheClientLeavesAStalledStream() {
    sim.faults().script(FaultScript.stallForever(0));

    try (RawSocket socket = RawSocket.post(sim, STREAM, Bodies.invoke("wait").toString())) {
      assertThat(socket.readHead()).startsWith("HTTP/1.1 200 OK").contains("application/vnd.amazon.eventstream");
    }

    RecordedRequest cancelled = sim.awaitCancelled(Duration.ofSeconds(10));
    assertThat(cancelled.cancelled()).isTrue();
    assertThat(cancelled.completed()).isFalse();
    assertThat(cancelled.eventsSent()).isZero();
    assertThat(cancelled.operation()).isEqualTo(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM);
  }

  @Test
  void noticesWhenTheClientLeavesAPacedStreamHalfWay() {
    sim.timing(Duration.ZERO, 20);
    try (RawSocket socket = RawSocket.post(sim, STREAM, Bodies.invoke("[[sim:tokens=200]]", 500).toString())) {
      socket.readHead();
      socket.readSome();
    }

    RecordedRequest cancelled = sim.awaitCancelled(Duration.ofSeconds(10));
    assertThat(cancelled.eventsSent()).isPositive().isLessThan(200);
  }

  @Test
  void resumesAfterATimedStall() {
    sim.faults().script(FaultScript.stall(2, Duration.ofMillis(300)));

    long start = System.nanoTime();
    HttpResponse<byte[]> response = RawHttp.postJson(sim, STREAM, Bodies.invoke("stalls then finishes"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(Frames.events(Frames.decode(response.body())).getLast().path("type").asText()).isEqualTo("message_stop");
  }

  @Test
  void holdsANonStreamingAnswerForADelayOrTimedStall() {
    sim.faults().script(FaultScript.delay(Duration.ofMillis(250)), FaultScript.stall(0, Duration.ofMillis(250)));

    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      assertThat(RawHttp.postJson(sim, INVOKE, Bodies.invoke("later")).statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
  }

  @Test
  void appliesScriptsInOrderForTheirTimesToMatchingRequestsOnly() {
    sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING).times(2).onOperation(Operation.INVOKE_MODEL),
        FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE));

    int countTokens = RawHttp.postJson(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/count-tokens",
        "{\"input\":{\"invokeModel\":{\"body\":\"" + java.util.Base64.getEncoder().encodeToString(
            Bodies.invoke("x").toString().getBytes()) + "\"}}}")
        .statusCode();
    List<Integer> invokes = List.of(RawHttp.postJson(sim, INVOKE, Bodies.invoke("1")).statusCode(),
        RawHttp.postJson(sim, INVOKE, Bodies.invoke("2")).statusCode(),
        RawHttp.postJson(sim, INVOKE, Bodies.invoke("3")).statusCode());

    assertThat(countTokens).as("the first matching script is the 503 one").isEqualTo(503);
    assertThat(invokes).containsExactly(429, 429, 200);
    assertThat(sim.faults().pending()).isEmpty();
  }

  @Test
  void leavesFaultsUntouchedByRequestsThatFailAuthentication() {
    sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));

    HttpResponse<byte[]> unauthenticated = RawHttp
        .send(HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + INVOKE))
            .POST(HttpRequest.BodyPublishers.ofString(Bodies.invoke("x").toString())).build());

    assertThat(unauthenticated.statusCode()).isEqualTo(403);
    assertThat(sim.faults().pending()).hasSize(1);
  }

  private static HttpRequest post(String path, String text) {
    return RawHttp.request(sim, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Bodies.invoke(text).toString())).build();
  }
}
