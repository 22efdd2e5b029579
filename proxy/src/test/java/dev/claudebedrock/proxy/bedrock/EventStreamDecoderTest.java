package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

class EventStreamDecoderTest {
  /** The worked frame of the wire notes: a chunk carrying {"type":"message_stop"}, 135 bytes. */
  static final String WORKED_FRAME = "000000870000004b87ea2bf3"
      + "0b3a6576656e742d747970650700056368756e6b"
      + "0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e"
      + "0d3a6d6573736167652d747970650700056576656e74"
      + "7b226279746573223a2265794a306558426c496a6f696257567a6332466e5a56397a64473977496e303d227d"
      + "ba48ab22";

  private final List<String> chunks = new ArrayList<>();
  private final List<BedrockError> exceptions = new ArrayList<>();
  private final EventStreamDecoder decoder = new EventStreamDecoder(new EventStreamDecoder.Listener() {
    @Override
    public void onChunk(byte[] eventJson) {
      chunks.add(new String(eventJson, StandardCharsets.UTF_8));
    }

    @Override
    public void onException(BedrockError error) {
      exceptions.add(error);
    }
  });

  @Test
  void decodesTheWorkedFrameOfTheWireNotes() {
    byte[] frame = HexFormat.of().parseHex(WORKED_FRAME);
    assertThat(frame).hasSize(135);
    assertThat(decoder.feed(Buffer.buffer(frame))).isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"message_stop\"}");
  }

  @Test
  void reassemblesFramesSplitAcrossReadsAndIgnoresPadding() {
    byte[] a = chunk("{\"type\":\"content_block_delta\",\"index\":0}", "abcdefghijk");
    byte[] b = chunk("{\"type\":\"message_stop\"}", "xy");
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    for (int i = 0; i < all.length; i += 7) {
      decoder.feed(Buffer.buffer(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + 7))));
    }
    assertThat(chunks).containsExactly("{\"type\":\"content_block_delta\",\"index\":0}", "{\"type\":\"message_stop\"}");
  }

  @Test
  void reportsExceptionFramesWithTheirType() {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString("exception"));
    headers.put(":exception-type", HeaderValue.fromString("throttlingException"));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    byte[] frame = new Message(headers, "{\"message\":\"Too many tokens\"}".getBytes(StandardCharsets.UTF_8))
        .toByteBuffer().array();
    decoder.feed(Buffer.buffer(frame));
    assertThat(exceptions).containsExactly(new BedrockError(0, "ThrottlingException", "Too many tokens", -1));
  }

  @Test
  void refusesAFrameWhoseChecksumDoesNotMatch() {
    byte[] frame = HexFormat.of().parseHex(WORKED_FRAME);
    frame[60] ^= 0x01;
    assertThat(decoder.feed(Buffer.buffer(frame))).isFalse();
    assertThat(decoder.feed(Buffer.buffer(HexFormat.of().parseHex(WORKED_FRAME)))).as("stays failed").isFalse();
    assertThat(chunks).isEmpty();
  }

  static byte[] chunk(String eventJson, String padding) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString("chunk"));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    String payload = "{\"bytes\":\"" + java.util.Base64.getEncoder().encodeToString(eventJson.getBytes(StandardCharsets.UTF_8))
        + "\",\"p\":\"" + padding + "\"}";
    return new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
  }
}
