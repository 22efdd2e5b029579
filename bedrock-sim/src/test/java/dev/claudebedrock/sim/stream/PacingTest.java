package dev.claudebedrock.sim.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.Frames;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.TestSims;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.MessageDecoder;

/**
 * The timing model. Only lower bounds are asserted: a loaded machine can make answers slower, never faster, so these
 * checks cannot flake.
 */
class PacingTest {
  private static final String STREAM = "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/invoke-with-response-stream";
  private static final String INVOKE = "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke";

  @Test
  void spreadsTextDeltasAtTheConfiguredRate() throws IOException, InterruptedException {
    try (BedrockSimulator sim = BedrockSimulator.start(TestSims.config().tokensPerSecond(40).build())) {
      List<Long> deltaArrivals = new ArrayList<>();
      HttpResponse<InputStream> response = RawHttp.client().send(RawHttp.request(sim, STREAM)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Bodies.invoke("[[sim:tokens=20]]").toString())).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      MessageDecoder decoder = new MessageDecoder(frame -> {
        if (Frames.event(frame).path("delta").path("type").asText().equals("text_delta")) {
          deltaArrivals.add(System.nanoTime());
        }
      });
      try (InputStream in = response.body()) {
        byte[] buffer = new byte[1024];
        for (int n; (n = in.read(buffer)) >= 0;) {
          decoder.feed(buffer, 0, n);
        }
      }

      assertThat(deltaArrivals).hasSize(20);
      // 20 tokens at 40/s: the last delta is due 19 token intervals (475 ms) after the first.
      assertThat(Duration.ofNanos(deltaArrivals.getLast() - deltaArrivals.getFirst()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
  }

  @Test
  void waitsTheFirstByteLatencyAndReportsItInTheMetrics() {
    try (BedrockSimulator sim = BedrockSimulator
        .start(TestSims.config().firstByteLatency(Duration.ofMillis(300)).build())) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = RawHttp.postJson(sim, STREAM, Bodies.invoke("late"));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      JsonNode metrics = Frames.events(Frames.decode(response.body())).getLast()
          .path("amazon-bedrock-invocationMetrics");
      assertThat(metrics.path("firstByteLatency").asLong()).isGreaterThanOrEqualTo(300);
      assertThat(metrics.path("invocationLatency").asLong())
          .isGreaterThanOrEqualTo(metrics.path("firstByteLatency").asLong());
    }
  }

  @Test
  void holdsANonStreamingAnswerUntilTheWholeReplyIsGenerated() {
    try (BedrockSimulator sim = TestSims.start()) {
      sim.timing(Duration.ofMillis(100), 50);
      long start = System.nanoTime();
      HttpResponse<byte[]> response = RawHttp.postJson(sim, INVOKE, Bodies.invoke("[[sim:tokens=10]]"));

      // 100 ms to the first byte plus 10 tokens at 50/s.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(Long.parseLong(response.headers().firstValue("X-Amzn-Bedrock-Invocation-Latency").orElseThrow()))
          .isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void refusesNegativeOrNonFiniteTimings() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Timing(Duration.ofMillis(-1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Timing(Duration.ZERO, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Timing(Duration.ZERO, 4).nanosPerToken()).isEqualTo(250_000_000L);
  }
}
