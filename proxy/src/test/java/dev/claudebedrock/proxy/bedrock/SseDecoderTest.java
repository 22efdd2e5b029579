package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {
  private static final String STREAM = ": a comment\r\n"
      + "event: message_start\r\ndata: {\"type\":\"message_start\",\"text\":\"caf\u00e9\"}\r\n\r\n"
      + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
      + "id: 7\nretry: 100\ndata: {\"a\":\ndata: 1}\n\n"
      + "event: lonely\n\n"
      + "event: message_stop\rdata: {\"type\":\"message_stop\"}\r\r";

  private static List<String> decode(List<Buffer> pieces) {
    List<String> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((type, data) -> events.add(type + "|" + new String(data,
        StandardCharsets.UTF_8)));
    for (Buffer piece : pieces) {
      assertThat(decoder.feed(piece)).isTrue();
    }
    return events;
  }

  @Test
  void readsEventsWhateverTheLineEndingsCommentsAndFields() {
    assertThat(decode(List.of(Buffer.buffer(STREAM)))).containsExactly(
        "message_start|{\"type\":\"message_start\",\"text\":\"caf\u00e9\"}",
        "ping|{\"type\": \"ping\"}",
        "|{\"a\":\n1}",
        "message_stop|{\"type\":\"message_stop\"}");
  }

  @Test
  void readsTheSameEventsWhereverTheBytesAreSplit() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    List<String> whole = decode(List.of(Buffer.buffer(bytes)));
    for (int cut = 1; cut < bytes.length; cut++) {
      Buffer first = Buffer.buffer().appendBytes(bytes, 0, cut);
      Buffer second = Buffer.buffer().appendBytes(bytes, cut, bytes.length - cut);
      assertThat(decode(List.of(first, second))).as("split at %d", cut).isEqualTo(whole);
    }
  }

  @Test
  void refusesAnEventLargerThanTheLimitInsteadOfBufferingIt() {
    SseDecoder decoder = new SseDecoder((type, data) -> {});
    Buffer huge = Buffer.buffer("data: ");
    byte[] chunk = new byte[1024 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    boolean ok = true;
    for (int i = 0; i < 17 && ok; i++) {
      ok = decoder.feed(i == 0 ? huge.appendBytes(chunk) : Buffer.buffer(chunk));
    }
    assertThat(ok).isFalse();
  }
}
