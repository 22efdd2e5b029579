package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder reads frames where the network's bytes lie (a read is often a slice of a larger buffer) and keeps no
 * reference to them after a read: only an incomplete frame's bytes are copied, so a read's buffer may be reused.
 */
class EventStreamDecoderInPlaceTest {
  private final List<String> chunks = new ArrayList<>();
  private final List<String> payloads = new ArrayList<>();
  private final EventStreamDecoder decoder = new EventStreamDecoder(new EventStreamDecoder.Listener() {
    @Override
    public void onChunk(byte[] eventJson) {
      chunks.add(new String(eventJson, StandardCharsets.UTF_8));
    }

    @Override
    public void onException(BedrockError error) {}

    @Override
    public void onChunkPayload(byte[] data, int start, int end) {
      payloads.add(new String(data, start, end - start, StandardCharsets.UTF_8));
      EventStreamDecoder.Listener.super.onChunkPayload(data, start, end);
    }
  });

  @Test
  void decodesFramesFromASliceOfALargerBuffer() {
    byte[] frames = concat(EventStreamDecoderTest.chunk("{\"type\":\"ping\"}", "pad"),
        EventStreamDecoderTest.chunk("{\"type\":\"message_stop\"}", ""));
    Buffer network = Buffer.buffer("garbage before").appendBytes(frames).appendString("garbage after");
    assertThat(decoder.feed(network.slice(14, 14 + frames.length))).isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"ping\"}", "{\"type\":\"message_stop\"}");
    assertThat(payloads.getFirst()).startsWith("{\"bytes\":\"").endsWith("\",\"p\":\"pad\"}");
    assertThat(decoder.incompleteBytes()).isZero();
  }

  @Test
  void copiesAnIncompleteFrameSoTheReadsBufferMayBeReusedAfterwards() {
    byte[] frame = EventStreamDecoderTest.chunk("{\"type\":\"content_block_stop\",\"index\":0}", "xyz");
    byte[] first = Arrays.copyOf(frame, frame.length - 10);
    Buffer read = Buffer.buffer(first);
    assertThat(decoder.feed(read)).isTrue();
    assertThat(decoder.incompleteBytes()).isEqualTo(first.length);
    read.setBytes(0, new byte[first.length]); // the network reuses its buffer
    assertThat(decoder.feed(Buffer.buffer(Arrays.copyOfRange(frame, frame.length - 10, frame.length)))).isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"content_block_stop\",\"index\":0}");
  }

  @Test
  void decodesAWholeFrameFollowedByPartOfTheNextInOneRead() {
    byte[] a = EventStreamDecoderTest.chunk("{\"type\":\"ping\"}", "");
    byte[] b = EventStreamDecoderTest.chunk("{\"type\":\"message_stop\"}", "p");
    byte[] both = concat(a, b);
    Buffer read = Buffer.buffer(Arrays.copyOf(both, a.length + 5));
    assertThat(decoder.feed(read)).isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"ping\"}");
    read.setBytes(0, new byte[a.length + 5]);
    assertThat(decoder.feed(Buffer.buffer(Arrays.copyOfRange(both, a.length + 5, both.length)))).isTrue();
    assertThat(chunks).containsExactly("{\"type\":\"ping\"}", "{\"type\":\"message_stop\"}");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
