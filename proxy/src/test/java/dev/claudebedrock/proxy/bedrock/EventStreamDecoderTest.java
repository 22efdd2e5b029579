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
  private final EventStreamDecoder decoder = freshDecoder();

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
    byte[] all = concat(a, b);
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

  @Test
  void decodesSeveralFramesDeliveredInOneRead() {
    byte[] all = concat(chunk("{\"type\":\"ping\"}", ""), chunk("{\"type\":\"message_stop\"}", "pad"));
    assertThat(decoder.feed(Buffer.buffer(all))).isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"ping\"}", "{\"type\":\"message_stop\"}");
  }

  @Test
  void decodesEveryReadBoundaryIncludingInsideThePrelude() {
    byte[] all = concat(chunk("{\"type\":\"content_block_stop\",\"index\":0}", "ab"),
        chunk("{\"type\":\"message_stop\"}", ""));
    for (int cut = 1; cut < all.length; cut++) {
      chunks.clear();
      EventStreamDecoder fresh = freshDecoder();
      assertThat(fresh.feed(Buffer.buffer(java.util.Arrays.copyOfRange(all, 0, cut)))).isTrue();
      assertThat(fresh.feed(Buffer.buffer(java.util.Arrays.copyOfRange(all, cut, all.length)))).isTrue();
      assertThat(chunks).as("cut at byte %d", cut).hasSize(2);
    }
  }

  @Test
  void skipsHeadersOfEveryOtherValueType() {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put("flag", HeaderValue.fromBoolean(true));
    headers.put("off", HeaderValue.fromBoolean(false));
    headers.put("i", HeaderValue.fromInteger(70_000));
    headers.put("l", HeaderValue.fromLong(1L << 40));
    headers.put("raw", HeaderValue.fromByteArray(new byte[] {1, 2, 3}));
    headers.put("when", HeaderValue.fromTimestamp(java.time.Instant.parse("2026-11-26T00:00:00Z")));
    headers.put("id", HeaderValue.fromUuid(java.util.UUID.fromString("12345678-1234-1234-1234-123456789abc")));
    headers.put(":event-type", HeaderValue.fromString("chunk"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    String payload = "{\"bytes\":\""
        + java.util.Base64.getEncoder().encodeToString("{\"type\":\"message_stop\"}".getBytes(StandardCharsets.UTF_8))
        + "\"}";
    byte[] frame = new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
    assertThat(decoder.feed(Buffer.buffer(frame))).isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"message_stop\"}");
  }

  @Test
  void skipsByteAndShortHeaders() {
    // Built by hand: the reference encoder writes no value bytes for these two types.
    java.io.ByteArrayOutputStream headers = new java.io.ByteArrayOutputStream();
    headers.writeBytes(HexFormat.of().parseHex("0162" + "02" + "07")); // "b": byte 7
    headers.writeBytes(HexFormat.of().parseHex("0173" + "03" + "012c")); // "s": short 300
    headers.writeBytes(stringHeader(":message-type", "event"));
    headers.writeBytes(stringHeader(":event-type", "chunk"));
    String payload = "{\"bytes\":\""
        + java.util.Base64.getEncoder().encodeToString("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)) + "\"}";
    assertThat(decoder.feed(Buffer.buffer(frame(headers.toByteArray(), payload.getBytes(StandardCharsets.UTF_8)))))
        .isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"ping\"}");
  }

  @Test
  void reportsErrorFramesWithTheirCodeAndMessage() {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString("error"));
    headers.put(":error-code", HeaderValue.fromString("InternalFailure"));
    headers.put(":error-message", HeaderValue.fromString("Something broke"));
    decoder.feed(Buffer.buffer(new Message(headers, new byte[0]).toByteBuffer().array()));
    assertThat(exceptions).containsExactly(new BedrockError(0, "InternalFailure", "Something broke", -1));
  }

  @Test
  void ignoresEventsOtherThanChunks() {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString("event"));
    headers.put(":event-type", HeaderValue.fromString("initial-response"));
    assertThat(
        decoder.feed(Buffer.buffer(new Message(headers, "{}".getBytes(StandardCharsets.UTF_8)).toByteBuffer().array())))
        .isTrue();
    assertThat(chunks).isEmpty();
    assertThat(exceptions).isEmpty();
  }

  @Test
  void refusesAPreludeWhoseChecksumDoesNotMatchWithoutWaitingForTheLengthItClaims() {
    byte[] frame = HexFormat.of().parseHex(WORKED_FRAME);
    frame[1] = 0x7f; // claims ~8 MB; the prelude CRC gives it away before any of that is awaited
    assertThat(decoder.feed(Buffer.buffer(java.util.Arrays.copyOf(frame, 12)))).isFalse();
  }

  @Test
  void refusesLengthsTheFormatDoesNotAllow() {
    assertThat(decoder.feed(Buffer.buffer(prelude(8, 0)))).as("shorter than prelude and trailer").isFalse();
    assertThat(freshDecoder().feed(Buffer.buffer(prelude(17 * 1024 * 1024, 0)))).as("over 16 MiB").isFalse();
    assertThat(freshDecoder().feed(Buffer.buffer(prelude(100, 90)))).as("headers beyond the frame").isFalse();
  }

  @Test
  void refusesHeadersThatRunPastTheirSection() {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString("event"));
    byte[] frame = new Message(headers, new byte[0]).toByteBuffer().array();
    frame[12 + 1 + ":message-type".length() + 2] = 0x7f; // string length far beyond the headers
    fixChecksums(frame);
    assertThat(decoder.feed(Buffer.buffer(frame))).isFalse();
  }

  private EventStreamDecoder freshDecoder() {
    return new EventStreamDecoder(new EventStreamDecoder.Listener() {
      @Override
      public void onChunk(byte[] eventJson) {
        chunks.add(new String(eventJson, StandardCharsets.UTF_8));
      }

      @Override
      public void onException(BedrockError error) {
        exceptions.add(error);
      }
    });
  }

  /** A prelude with a correct CRC for the given lengths. */
  private static byte[] prelude(int total, int headers) {
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(12).putInt(total).putInt(headers);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(out.array(), 0, 8);
    return out.putInt((int) crc.getValue()).array();
  }

  private static byte[] stringHeader(String name, String value) {
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(1 + name.length() + 3 + value.length());
    out.put((byte) name.length()).put(name.getBytes(StandardCharsets.US_ASCII)).put((byte) 7)
        .putShort((short) value.length()).put(value.getBytes(StandardCharsets.US_ASCII));
    return out.array();
  }

  /** A frame with the given header bytes and payload and correct checksums. */
  private static byte[] frame(byte[] headers, byte[] payload) {
    int total = 12 + headers.length + payload.length + 4;
    byte[] frame = java.nio.ByteBuffer.allocate(total).put(prelude(total, headers.length)).put(headers).put(payload)
        .array();
    fixChecksums(frame);
    return frame;
  }

  private static void fixChecksums(byte[] frame) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(frame, 0, frame.length - 4);
    java.nio.ByteBuffer.wrap(frame).putInt(frame.length - 4, (int) crc.getValue());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static byte[] chunk(String eventJson, String padding) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString("chunk"));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    String payload = "{\"bytes\":\""
        + java.util.Base64.getEncoder().encodeToString(eventJson.getBytes(StandardCharsets.UTF_8))
        + "\",\"p\":\"" + padding + "\"}";
    return new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
  }
}
