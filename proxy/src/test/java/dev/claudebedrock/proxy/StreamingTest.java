package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-sent events over real sockets: one by one as Bedrock produces them, pings, failures, cancellation. */
class StreamingTest {
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("", Map.of("BEDROCK_PROXY_STREAMING_PING_INTERVAL_MS", "200"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.clearRequests();
    harness.sim.faults().clear();
    harness.sim.timing(Duration.ZERO, 0);
  }

  @Test
  void writesTheAnthropicEventSequenceWithSseFraming() throws Exception {
    HttpResponse<InputStream> response = stream("Say hello [[sim:tokens=5]]");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
    assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    List<SseEvents.Event> events = SseEvents.readAll(response.body());

    assertThat(SseEvents.names(events)).containsExactly("message_start", "content_block_start",
        "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    assertThat(events.get(0).data()).contains("\"model\":\"claude-haiku-4-5\"");
    assertThat(events.get(events.size() - 1).data()).isEqualTo("{\"type\":\"message_stop\"}");
    for (SseEvents.Event event : events) {
      assertThat(event.data()).startsWith("{\"type\":\"" + event.name() + "\"");
    }
  }

  @Test
  void forwardsEachEventWhenBedrockProducesItNotInABurstAtTheEnd() throws Exception {
    harness.sim.timing(Duration.ZERO, 20);
    HttpResponse<InputStream> response = stream("Pace yourself [[sim:tokens=10]]");
    List<SseEvents.Event> deltas = SseEvents.readAll(response.body()).stream()
        .filter(e -> e.name().equals("content_block_delta")).toList();

    assertThat(deltas).hasSize(10);
    long spreadMs = (deltas.get(9).arrivedNanos() - deltas.get(0).arrivedNanos()) / 1_000_000;
    assertThat(spreadMs).as("10 tokens at 20/s arrive over ~450 ms, not at once").isGreaterThan(300);
    long distinctArrivals = deltas.stream().map(e -> e.arrivedNanos() / 20_000_000).distinct().count();
    assertThat(distinctArrivals).as("deltas arrive in separate 20 ms windows").isGreaterThanOrEqualTo(7);
  }

  @Test
  void pingsWhileBedrockIsSilent() throws Exception {
    harness.sim.faults().script(FaultScript.stall(3, Duration.ofMillis(900)));
    List<SseEvents.Event> events = SseEvents.readAll(stream("Take your time [[sim:tokens=3]]").body());

    assertThat(SseEvents.names(events)).contains("ping").endsWith("message_stop");
    assertThat(events.stream().filter(e -> e.name().equals("ping")).findFirst().orElseThrow().data())
        .isEqualTo("{\"type\":\"ping\"}");
  }

  @Test
  void turnsAMidStreamExceptionIntoAnErrorEventAndEndsWithoutMessageStop() throws Exception {
    harness.sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.THROTTLING, 3));
    List<SseEvents.Event> events = SseEvents.readAll(stream("Fail midway [[sim:tokens=8]]").body());

    SseEvents.Event last = events.get(events.size() - 1);
    assertThat(last.name()).isEqualTo("error");
    assertThat(last.data()).contains("\"type\":\"rate_limit_error\"").contains("\"request_id\":\"req_");
    assertThat(SseEvents.names(events)).doesNotContain("message_stop");
    assertThat(harness.sim.requests()).as("one upstream call, no silent retry").hasSize(1);
  }

  @Test
  void answersAnExceptionBeforeAnyEventWithAnHttpErrorClientsRetry() throws Exception {
    harness.sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.SERVICE_UNAVAILABLE, 0));
    HttpResponse<String> response = harness.post("/v1/messages", body(true, "Fail first"));

    assertThat(response.statusCode()).isEqualTo(529);
    assertThat(response.headers().firstValue("retry-after")).isPresent();
    assertThat(response.body()).contains("\"type\":\"overloaded_error\"");
  }

  @Test
  void reportsABrokenUpstreamConnectionAsAnErrorEvent() throws Exception {
    harness.sim.faults().script(FaultScript.dropConnection(4));
    List<SseEvents.Event> events = SseEvents.readAll(stream("Drop me [[sim:tokens=8]]").body());

    assertThat(events.get(events.size() - 1).name()).isEqualTo("error");
    assertThat(events.get(events.size() - 1).data()).contains("api_error");
  }

  @Test
  void cancelsTheUpstreamRequestWhenTheClientGoesAway() throws Exception {
    harness.sim.timing(Duration.ZERO, 10);
    HttpResponse<InputStream> response = stream("A long answer [[sim:tokens=200]]");
    List<SseEvents.Event> firstEvents = SseEvents.read(response.body(), 3);
    assertThat(firstEvents).hasSize(3);
    response.body().close();

    RecordedRequest cancelled = harness.sim.awaitCancelled(Duration.ofSeconds(10));
    assertThat(cancelled.rawPath()).endsWith("/invoke-with-response-stream");
  }

  @Test
  void cancelsANonStreamingUpstreamCallWhenTheClientGoesAway() throws Exception {
    harness.sim.faults().script(FaultScript.delay(Duration.ofSeconds(20)));
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", harness.gateway.port())) {
      String json = body(false, "Slow");
      socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: gateway\r\n"
          + "content-type: application/json\r\nx-api-key: " + GatewayHarness.TOKEN + "\r\n"
          + "content-length: " + json.length() + "\r\n\r\n" + json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      harness.sim.awaitRequests(1, Duration.ofSeconds(5));
    }

    assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10)).rawPath()).endsWith("/invoke");
  }

  private HttpResponse<InputStream> stream(String text) throws Exception {
    return harness.http().send(request(body(true, text)), HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpRequest request(String json) {
    return HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages?beta=true"))
        .header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .header("authorization", "Bearer " + GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  static String body(boolean stream, String text) {
    return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1024,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }
}
