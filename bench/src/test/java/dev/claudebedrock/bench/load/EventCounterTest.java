package dev.claudebedrock.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.sim.stream.EventStreamFrames;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCounterTest {
  @Test
  void countsEventStreamFramesCutAnywhere() {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < 7; i++) {
      byte[] event = ("{\"type\":\"event\",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      stream.writeBytes(EventStreamFrames.chunk(event, "abc".repeat(i)));
    }
    byte[] bytes = stream.toByteArray();
    for (int cut = 1; cut <= 40; cut++) {
      assertThat(countInPieces(new EventStreamFrameCounter(), bytes, cut)).as("pieces of %d bytes", cut).isEqualTo(7);
    }
  }

  @Test
  void countsServerSentEventsCutAnywhere() {
    byte[] bytes = ("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
        + "event: content_block_delta\r\ndata: {\"text\":\"a\\n\"}\r\n\r\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut <= bytes.length; cut++) {
      assertThat(countInPieces(new SseEventCounter(), bytes, cut)).as("pieces of %d bytes", cut).isEqualTo(3);
    }
  }

  @Test
  void refusesBytesThatAreNoEventStream() {
    EventStreamFrameCounter counter = new EventStreamFrameCounter();
    assertThatThrownBy(() -> counter.feed(Buffer.buffer("{\"message\":\"x\"}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not an event stream");
  }

  private static int countInPieces(EventCounter counter, byte[] bytes, int pieceLength) {
    List<Buffer> pieces = new ArrayList<>();
    for (int at = 0; at < bytes.length; at += pieceLength) {
      pieces.add(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + pieceLength))));
    }
    return pieces.stream().mapToInt(counter::feed).sum();
  }
}
