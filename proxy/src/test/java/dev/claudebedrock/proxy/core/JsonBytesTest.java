package dev.claudebedrock.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A document received in chunks reads, copies and parses exactly as the same bytes in one array, wherever
 * the chunks end: inside a name, a number, an escape or a multi-byte UTF-8 character.
 */
class JsonBytesTest {
  static final String DOC = "{\"model\":\"claude-opus-5-5\",\"system\":\"Z\u00fcrich \u2192 \u6771\u4eac \ud83d\ude00 "
      + "\\\"q\\\" \\u0041\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"caf\u00e9\"}]}],"
      + "\"max_tokens\":1.0e3,\"anthropic_beta\":[\"a\",\"b\"],\"stream\":true}";

  /** The bytes in chunks of the given sizes, each its own buffer, joined as ReadBody joins a body's chunks. */
  static Buffer chunked(byte[] bytes, int... sizes) {
    List<ByteBuf> parts = new ArrayList<>();
    int at = 0;
    for (int size : sizes) {
      parts.add(((BufferInternal) Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, at + size))).getByteBuf());
      at += size;
    }
    if (at < bytes.length) {
      parts.add(((BufferInternal) Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, bytes.length))).getByteBuf());
    }
    return BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(ByteBuf[]::new)));
  }

  /** Random chunk sizes from 1 to {@code max} covering {@code length} bytes. */
  static int[] randomSizes(Random random, int length, int max) {
    List<Integer> sizes = new ArrayList<>();
    for (int left = length; left > 0;) {
      int size = Math.min(left, 1 + random.nextInt(max));
      sizes.add(size);
      left -= size;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void aBodyInChunksIsReadWhereItLiesNotJoined() {
    byte[] bytes = DOC.getBytes(StandardCharsets.UTF_8);
    JsonBytes json = JsonBytes.of(chunked(bytes, 10, 1, 30));
    assertThat(json.contiguous()).isFalse();
    assertThat(json.length()).isEqualTo(bytes.length);
    assertThat(JsonBytes.of(Buffer.buffer(bytes)).contiguous()).isTrue();
    assertThat(json.array()).isEqualTo(bytes).isSameAs(json.array()); // a copy only when asked, then kept
    assertThat(json.offset()).isZero();
  }

  @Test
  void readsTheSameBytesTokensAndOffsetsAtEverySplit() throws IOException {
    byte[] bytes = DOC.getBytes(StandardCharsets.UTF_8);
    JsonBytes whole = JsonBytes.of(bytes);
    List<String> expected = tokens(whole);
    for (int split = 1; split < bytes.length; split++) {
      JsonBytes json = JsonBytes.of(chunked(bytes, split));
      assertSameBytes(json, bytes, "split at " + split);
      assertThat(tokens(json)).as("split at %d", split).isEqualTo(expected);
    }
    Random random = new Random(16);
    for (int round = 0; round < 300; round++) {
      int[] sizes = randomSizes(random, bytes.length, 1 + random.nextInt(8));
      JsonBytes json = JsonBytes.of(chunked(bytes, sizes));
      assertSameBytes(json, bytes, "round " + round);
      assertThat(tokens(json)).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void aValueAcrossChunksParsesAsInOneArray() throws IOException {
    byte[] bytes = DOC.getBytes(StandardCharsets.UTF_8);
    int start = DOC.indexOf("[{\"role\"");
    int end = DOC.indexOf(",\"max_tokens\"");
    int byteStart = DOC.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
    int byteEnd = DOC.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
    JsonBytes json = JsonBytes.of(chunked(bytes, byteStart + 3, 7, 2));
    assertThat(json.tree(byteStart, byteEnd)).isEqualTo(JsonBytes.of(bytes).tree(byteStart, byteEnd));
    assertThat(json.tree(byteStart, byteEnd).get(0).get("content").get(0).get("text").asText()).isEqualTo("caf\u00e9");
  }

  @Test
  void refusesBadUtf8SplitAcrossChunksWithTheSameMessage() {
    byte[] bad = "{\"model\":\"ab\u00e9cd\"}".getBytes(StandardCharsets.UTF_8);
    int first = "{\"model\":\"ab".length(); // the first byte of é (0xC3); its second made invalid
    assertThat(bad[first]).isEqualTo((byte) 0xC3);
    bad[first + 1] = 'x';
    String inOne = message(JsonBytes.of(bad));
    assertThat(inOne).startsWith("The request body is not valid JSON");
    for (int split = 1; split < bad.length; split++) {
      assertThat(message(JsonBytes.of(chunked(bad, split)))).as("split at %d", split).isEqualTo(inOne);
    }
  }

  @Test
  void copiesOfRangesOutsideTheDocumentAreRefused() {
    JsonBytes json = JsonBytes.of(chunked(DOC.getBytes(StandardCharsets.UTF_8), 5));
    assertThatThrownBy(() -> json.copy(json.length() - 1, new byte[2], 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> json.copy(-1, new byte[2], 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static void assertSameBytes(JsonBytes json, byte[] bytes, String where) {
    for (int i = 0; i < bytes.length; i++) {
      assertThat(json.at(i)).as("%s, byte %d", where, i).isEqualTo(bytes[i]);
    }
    for (int from = 0; from <= bytes.length; from += 7) {
      int count = Math.min(13, bytes.length - from);
      byte[] out = new byte[count + 2];
      json.copy(from, out, 1, count);
      assertThat(java.util.Arrays.copyOfRange(out, 1, count + 1)).as("%s, copy at %d", where, from)
          .isEqualTo(java.util.Arrays.copyOfRange(bytes, from, from + count));
    }
  }

  /** Every token with its text and byte offset. */
  private static List<String> tokens(JsonBytes json) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (JsonParser parser = json.parser()) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        tokens.add(token + " " + parser.getText() + " @" + parser.currentTokenLocation().getByteOffset());
      }
    }
    return tokens;
  }

  private static String message(JsonBytes json) {
    try {
      JsonRequestBody.members(json, (name, parser) -> parser.getText());
      return "accepted";
    } catch (ApiException e) {
      return e.error().message();
    }
  }
}
