package dev.claudebedrock.sim.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.testing.Frames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

/** The bytes of event-stream frames. */
class EventStreamFramesTest {

  @Test
  void encodesTheWorkedFrameOfTheWireReferenceByteForByte() {
    byte[] frame = EventStreamFrames.chunk("{\"type\":\"message_stop\"}".getBytes(StandardCharsets.UTF_8), null);

    String expected = "00000087" + "0000004b" + "87ea2bf3"
        + "0b" + hex(":event-type") + "07" + "0005" + hex("chunk")
        + "0d" + hex(":content-type") + "07" + "0010" + hex("application/json")
        + "0d" + hex(":message-type") + "07" + "0005" + hex("event")
        + hex("{\"bytes\":\"eyJ0eXBlIjoibWVzc2FnZV9zdG9wIn0=\"}")
        + "ba48ab22";
    assertThat(HexFormat.of().formatHex(frame)).isEqualTo(expected);
  }

  @Test
  void writesCorrectPreludeAndMessageCrcsForPaddedChunks() {
    byte[] frame = EventStreamFrames.chunk("{\"type\":\"ping-free\"}".getBytes(StandardCharsets.UTF_8), "abcdef");

    ByteBuffer bytes = ByteBuffer.wrap(frame);
    assertThat(bytes.getInt(0)).isEqualTo(frame.length);
    assertThat(Integer.toUnsignedLong(bytes.getInt(8))).isEqualTo(crc(frame, 0, 8));
    assertThat(Integer.toUnsignedLong(bytes.getInt(frame.length - 4))).isEqualTo(crc(frame, 0, frame.length - 4));
    Message decoded = Frames.decode(frame).getFirst();
    assertThat(new String(decoded.getPayload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"bytes\":\"eyJ0eXBlIjoicGluZy1mcmVlIn0=\",\"p\":\"abcdef\"}");
    assertThat(Frames.event(decoded).path("type").asText()).isEqualTo("ping-free");
  }

  @Test
  void encodesExceptionFramesWithTheirTypeAndPayload() {
    byte[] frame = EventStreamFrames.exception(StreamExceptionType.MODEL_STREAM_ERROR, "broken",
        Map.of("originalStatusCode", 500));

    Message decoded = Frames.decode(frame).getFirst();
    assertThat(Frames.header(decoded, ":message-type")).isEqualTo("exception");
    assertThat(Frames.header(decoded, ":exception-type")).isEqualTo("modelStreamErrorException");
    assertThat(Frames.header(decoded, ":content-type")).isEqualTo("application/json");
    assertThat(Frames.payload(decoded).path("message").asText()).isEqualTo("broken");
    assertThat(Frames.payload(decoded).path("originalStatusCode").asInt()).isEqualTo(500);
  }

  @Test
  void padsDeterministicallyPerBodyWithVaryingLengths() {
    Padding padding = Padding.forBody("body".getBytes(StandardCharsets.UTF_8));
    Padding same = Padding.forBody("body".getBytes(StandardCharsets.UTF_8));

    java.util.Set<Integer> lengths = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      String pad = padding.forEvent(i);
      assertThat(pad).isEqualTo(same.forEvent(i)).hasSizeBetween(1, 48);
      assertThat("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").startsWith(pad);
      lengths.add(pad.length());
    }
    assertThat(lengths).hasSizeGreaterThan(10);
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long crc(byte[] bytes, int from, int to) {
    CRC32 crc = new CRC32();
    crc.update(bytes, from, to - from);
    return crc.getValue();
  }
}
