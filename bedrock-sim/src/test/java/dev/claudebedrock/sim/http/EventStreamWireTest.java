package dev.claudebedrock.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.Frames;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.eventstream.Message;

/** The streaming answer on the wire, decoded with the reference event-stream decoder. */
class EventStreamWireTest {
  private static final String STREAM = "/model/us.anthropic.claude-opus-5-5/invoke-with-response-stream";
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
  }

  @Test
  void sendsOneChunkFramePerEventWithBedrocksHeadersAndPadding() {
    HttpResponse<byte[]> response = RawHttp.postJson(sim, STREAM, Bodies.invoke("frame by frame"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.amazon.eventstream");
    assertThat(response.headers().firstValue("X-Amzn-Bedrock-Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");

    List<Message> frames = Frames.decode(response.body());
    // Five framing events (message start/delta/stop, block start/stop) and one delta per word.
    assertThat(frames).hasSize(5 + 3).allSatisfy(frame -> {
      assertThat(Frames.header(frame, ":event-type")).isEqualTo("chunk");
      assertThat(Frames.header(frame, ":content-type")).isEqualTo("application/json");
      assertThat(Frames.header(frame, ":message-type")).isEqualTo("event");
      assertThat(Frames.payload(frame).path("p").asText()).isNotEmpty();
    });
    List<JsonNode> events = Frames.events(frames);
    assertThat(events).extracting(e -> e.path("type").asText()).doesNotContain("ping")
        .startsWith("message_start").endsWith("message_delta", "message_stop");
    assertThat(events.getLast().path("amazon-bedrock-invocationMetrics").path("outputTokenCount").asInt()).isEqualTo(3);
  }

  @Test
  void padsTheSameRequestTheSameWay() {
    List<String> first = paddings(RawHttp.postJson(sim, STREAM, Bodies.invoke("same request")));
    List<String> second = paddings(RawHttp.postJson(sim, STREAM, Bodies.invoke("same request")));

    assertThat(first).isEqualTo(second);
  }

  private static List<String> paddings(HttpResponse<byte[]> response) {
    return Frames.decode(response.body()).stream().map(f -> Frames.payload(f).path("p").asText()).toList();
  }
}
