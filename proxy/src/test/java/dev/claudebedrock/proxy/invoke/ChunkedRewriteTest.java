package dev.claudebedrock.proxy.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.BedrockPolicyConfig;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.JsonBytes;
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
 * The InvokeModel body spliced from a body received in chunks, read where they lie: the same bytes as from the body
 * in one array, wherever the chunks end.
 */
class ChunkedRewriteTest {
  private final InvokeBodyRewriter rewriter = new InvokeBodyRewriter(BedrockPolicyConfig.defaults());

  @Test
  void claudeCodesRequestInChunksIsSplicedToTheSameBytes() throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(InvokeBodyRewriterTest.claudeCodeRequest());
    List<String> betas = List.of(InvokeBodyRewriterTest.CLAUDE_CODE_BETAS);
    byte[] expected = rewriter.rewrite(JsonBytes.of(bytes), betas).bytes();
    Random random = new Random(16);
    for (int round = 0; round < 50; round++) {
      int[] sizes = sizes(random, bytes.length, round % 2 == 0 ? 16 : 8192);
      Buffer received = chunked(bytes, sizes, new ArrayList<>());
      byte[] sent = rewriter.rewrite(JsonBytes.of(received), betas).bytes();

      assertThat(sent).as("round %d (%d chunks)", round, sizes.length).isEqualTo(expected);
    }
  }

  @Test
  void editsAtTheFirstAndLastByteOfEachChunk() {
    // model first and stream last: the removals start at the object's first member and end at its last
    String body = "{\"model\":\"claude-opus-5-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Z\u00fcrich \u2192 "
        + "\u6771\u4eac \ud83d\ude00\"}],\"max_tokens\":16,\"anthropic_version\":\"2023-06-01\",\"stream\":true}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] expected = rewriter.rewrite(JsonBytes.of(bytes), List.of("context-1m-2025-08-07")).bytes();
    assertThat(new String(expected, StandardCharsets.UTF_8)).isEqualTo("{\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Z\u00fcrich \u2192 \u6771\u4eac \ud83d\ude00\"}],\"max_tokens\":16,"
        + "\"anthropic_version\":\"bedrock-2023-05-31\",\"anthropic_beta\":[\"context-1m-2025-08-07\"]}");
    for (int first = 1; first < bytes.length; first++) {
      for (int second : new int[] {1, 2, 3}) {
        if (first + second < bytes.length) {
          Buffer received = chunked(bytes, new int[] {first, second}, new ArrayList<>());
          byte[] sent = rewriter.rewrite(JsonBytes.of(received), List.of("context-1m-2025-08-07")).bytes();
          assertThat(sent).as("chunks end at %d and %d", first, first + second).isEqualTo(expected);
        }
      }
    }
  }

  private static int[] sizes(Random random, int length, int max) {
    List<Integer> sizes = new ArrayList<>();
    for (int left = length; left > 0;) {
      int size = Math.min(left, 1 + random.nextInt(max));
      sizes.add(size);
      left -= size;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The bytes in chunks of the given sizes (the rest in one more), each in an array of its own, kept in arrays. */
  private static Buffer chunked(byte[] bytes, int[] sizes, List<byte[]> arrays) {
    List<ByteBuf> parts = new ArrayList<>();
    int at = 0;
    for (int i = 0; i <= sizes.length && at < bytes.length; i++) {
      int end = i < sizes.length ? at + sizes[i] : bytes.length;
      byte[] chunk = java.util.Arrays.copyOfRange(bytes, at, end);
      arrays.add(chunk);
      parts.add(Unpooled.wrappedBuffer(chunk));
      at = end;
    }
    return BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(ByteBuf[]::new)));
  }
}
