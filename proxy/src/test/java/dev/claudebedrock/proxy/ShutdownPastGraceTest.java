package dev.claudebedrock.proxy;

import static dev.claudebedrock.proxy.BedrockPassthroughTest.HAIKU;
import static dev.claudebedrock.proxy.BedrockPassthroughTest.invokeBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.Blackhole;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * Streams still open when the shutdown grace period is over end with a retryable
 * {@code overloaded_error} that says the gateway is shutting down, in each route's own format, and
 * blame nobody upstream.
 */
class ShutdownPastGraceTest {

  @Test
  void endsOpenStreamsWithOverloadedErrorInTheirOwnFormat() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start()) {
      harness.sim.timing(Duration.ZERO, 100);
      HttpResponse<InputStream> v1 = harness.http().send(HttpRequest.newBuilder(
          URI.create(harness.url() + "/v1/messages")).header("content-type", "application/json")
          .header("x-api-key", GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(true, "long [[sim:tokens=500]]"))).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      HttpResponse<InputStream> bedrock = harness.http().send(HttpRequest.newBuilder(
          URI.create(harness.url() + "/bedrock/model/" + HAIKU + "/invoke-with-response-stream"))
          .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(invokeBody("long [[sim:tokens=500]]"))).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(SseEvents.read(v1.body(), 2)).hasSize(2);
      assertThat(bedrock.statusCode()).as("its first frame went out with the headers").isEqualTo(200);

      harness.gateway.shutdown(Duration.ofMillis(300));

      List<SseEvents.Event> events = SseEvents.readAll(v1.body());
      SseEvents.Event last = events.get(events.size() - 1);
      assertThat(last.name()).isEqualTo("error");
      assertThat(last.data()).contains("overloaded_error").contains("The gateway is shutting down")
          .doesNotContain("Bedrock");

      List<Message> frames = new ArrayList<>();
      new MessageDecoder(frames::add).feed(bedrock.body().readAllBytes());
      assertThat(frames.get(0).getHeaders().get(":event-type").getString()).isEqualTo("chunk");
      Message ending = frames.get(frames.size() - 1);
      assertThat(ending.getHeaders().get(":exception-type").getString()).isEqualTo("serviceUnavailableException");
      assertThat(new String(ending.getPayload(), StandardCharsets.UTF_8)).contains("The gateway is shutting down");
    }
  }

  @Test
  void endsAStreamStillWaitingForBedrockBehindPingsTheSameWay() throws Exception {
    try (Blackhole blackhole = new Blackhole();
        GatewayHarness harness = GatewayHarness.start("", Map.of("BEDROCK_ENDPOINT", blackhole.url(),
            "BEDROCK_PROXY_STREAMING_COMMIT_AFTER_MS", "200", "BEDROCK_PROXY_STREAMING_PING_INTERVAL_MS", "200"))) {
      HttpResponse<InputStream> v1 = harness.http().send(HttpRequest.newBuilder(
          URI.create(harness.url() + "/v1/messages")).header("content-type", "application/json")
          .header("x-api-key", GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(true, "anyone?"))).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(SseEvents.read(v1.body(), 1)).extracting(SseEvents.Event::name).containsExactly("ping");

      harness.gateway.shutdown(Duration.ofMillis(100));

      List<SseEvents.Event> events = SseEvents.readAll(v1.body());
      List<String> names = SseEvents.names(events);
      assertThat(names).endsWith("error");
      assertThat(names.subList(0, names.size() - 1)).allMatch("ping"::equals);
      assertThat(events.get(events.size() - 1).data()).contains("overloaded_error").contains("shutting down");
    }
  }

}
