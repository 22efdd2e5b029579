package dev.claudebedrock.proxy.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.core.TokenEstimator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checking pass over a body received in chunks decides exactly as over the same bytes in one array: the same
 * error message (line and column included) or the same request, for valid bodies and thousands of corruptions, with
 * the chunks ending anywhere (inside strings, escapes, numbers and multi-byte characters).
 */
class ChunkedParseMessagesTest {
  private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
      + "\"temperature\":0.5,\"system\":[{\"type\":\"text\",\"text\":\"You are \\\"helpful\\\".\"}],"
      + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},\"messages\":[{\"role\":\"user\",\"content\":"
      + "[{\"type\":\"text\",\"text\":\"Z\u00fcrich \u2192 \u6771\u4eac \ud83d\ude00 \\n\\t\\u0041\"}]},"
      + "{\"role\":\"assistant\",\"content\":\"ok\"}],\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":"
      + "\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"minimum\":-1.5e3}}}}]}";

  @Test
  void decidesAsOverOneArrayOnEveryCorruptionAndEverySplit() {
    byte[] original = BODY.getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = "{}[]\",:\\ 0-.eEtfnu\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
    Random random = new Random(16);
    int refused = 0;
    for (int i = 0; i < 5_000; i++) {
      byte[] body = i == 0 ? original : mutate(original, random, alphabet);
      String whole = outcome(JsonBytes.of(body));
      int max = 1 + random.nextInt(i % 3 == 0 ? 4 : 64);
      String chunked = outcome(JsonBytes.of(chunked(body, random, max)));
      assertThat(chunked).as("%s in chunks of up to %d", new String(body, StandardCharsets.ISO_8859_1), max)
          .isEqualTo(whole);
      refused += whole.startsWith("error:") ? 1 : 0;
    }
    assertThat(refused).as("corruptions refused").isBetween(500, 4_900);
  }

  @Test
  void estimatesTheSameInputTokensAndBuildsTheSameTree() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    Random random = new Random(7);
    for (int round = 0; round < 100; round++) {
      JsonBytes chunked = JsonBytes.of(chunked(body, random, 1 + random.nextInt(32)));
      assertThat(chunked.contiguous()).isFalse();
      assertThat(TokenEstimator.estimate(chunked)).isEqualTo(TokenEstimator.estimate(JsonBytes.of(body)));
      MessagesRequest request = ParseMessages.read(chunked, false, List.of());
      assertThat(request.body()).isEqualTo(ParseMessages.read(JsonBytes.of(body), false, List.of()).body());
    }
  }

  private static String outcome(JsonBytes body) {
    try {
      MessagesRequest request = ParseMessages.read(body, false, List.of());
      return "model=" + request.model() + " stream=" + request.stream() + " bytes=" + request.bodyBytes()
          + " thinking=" + request.thinking() + " temperature=" + request.temperature()
          + " maxTokens=" + request.maxTokens();
    } catch (ApiException e) {
      return "error: " + e.error().message();
    }
  }

  /** The bytes in chunks of 1 to {@code max} bytes, each its own Vert.x buffer, joined as ReadBody joins them. */
  private static Buffer chunked(byte[] bytes, Random random, int max) {
    List<ByteBuf> parts = new ArrayList<>();
    for (int at = 0; at < bytes.length;) {
      int end = Math.min(bytes.length, at + 1 + random.nextInt(max));
      parts.add(((BufferInternal) Buffer.buffer(Arrays.copyOfRange(bytes, at, end))).getByteBuf());
      at = end;
    }
    if (parts.size() == 1) { // one chunk: add an empty-free second one so that the body is in two arrays
      byte[] only = bytes;
      parts.clear();
      parts.add(((BufferInternal) Buffer.buffer(Arrays.copyOfRange(only, 0, only.length / 2))).getByteBuf());
      parts.add(((BufferInternal) Buffer.buffer(Arrays.copyOfRange(only, only.length / 2, only.length))).getByteBuf());
    }
    return BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(ByteBuf[]::new)));
  }

  private static byte[] mutate(byte[] original, Random random, byte[] alphabet) {
    byte[] bytes = original.clone();
    int position = random.nextInt(bytes.length);
    return switch (random.nextInt(3)) {
      case 0 -> {
        bytes[position] = alphabet[random.nextInt(alphabet.length)];
        yield bytes;
      }
      case 1 -> Arrays.copyOf(bytes, Math.max(2, position)); // truncated
      default -> { // a byte removed
        byte[] shorter = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, shorter, 0, position);
        System.arraycopy(bytes, position + 1, shorter, position, bytes.length - position - 1);
        yield shorter;
      }
    };
  }
}
