package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkPayloadTest {

  @Test
  void decodesStraightIntoAnOffsetOfTheCallersArrayAsTheJdkDecoderDoes() {
    Random random = new Random(16);
    for (int length = 0; length < 300; length++) {
      byte[] event = new byte[length];
      random.nextBytes(event);
      byte[] payload = payload(Base64.getEncoder().encodeToString(event));
      long text = ChunkPayload.base64Text(payload, 0, payload.length);
      int start = ChunkPayload.textStart(text);
      int end = ChunkPayload.textEnd(text);
      assertThat(ChunkPayload.decodedLength(payload, start, end)).isEqualTo(length);
      byte[] out = new byte[length + 20];
      assertThat(ChunkPayload.decode(payload, start, end, out, 13)).isTrue();
      assertThat(Arrays.copyOfRange(out, 13, 13 + length)).as("length %d", length).isEqualTo(event);
      assertThat(ChunkPayload.eventJson(payload)).isEqualTo(event);
    }
  }

  @Test
  void readsThePayloadWhereItLiesInALargerArray() {
    byte[] frame = ("xx" + new String(payload(b64("{\"type\":\"ping\"}")), StandardCharsets.US_ASCII) + "yy")
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(ChunkPayload.eventJson(frame, 2, frame.length - 2)).asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"type\":\"ping\"}");
  }

  @Test
  void leavesUnpaddedBase64AndEscapesToTheJdkDecoderAndAJsonParse() {
    String json = "{ \"type\":\"ping\"}"; // 16 bytes: two padding characters
    assertThat(b64(json)).endsWith("==");
    byte[] unpadded = payload(b64(json).replace("=", ""));
    long text = ChunkPayload.base64Text(unpadded, 0, unpadded.length);
    assertThat(ChunkPayload.decodedLength(unpadded, ChunkPayload.textStart(text), ChunkPayload.textEnd(text)))
        .isEqualTo(-1);
    assertThat(ChunkPayload.eventJson(unpadded)).asString(StandardCharsets.UTF_8).isEqualTo(json);

    String withSlash = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    assertThat(withSlash).isEqualTo("////");
    byte[] escaped = "{\"bytes\":\"\\/\\/\\/\\/\"}".getBytes(StandardCharsets.US_ASCII);
    assertThat(ChunkPayload.base64Text(escaped, 0, escaped.length)).isEqualTo(-1);
    assertThat(ChunkPayload.eventJson(escaped)).containsExactly(0xff, 0xff, 0xff);
  }

  @Test
  void refusesWhatIsNotBase64() {
    for (String bad : new String[] {"ab!d", "a===", "ab=d", "====", "ab\u00e9d"}) {
      byte[] payload = payload(bad);
      long text = ChunkPayload.base64Text(payload, 0, payload.length);
      int start = ChunkPayload.textStart(text);
      int end = ChunkPayload.textEnd(text);
      byte[] out = new byte[8];
      assertThat(ChunkPayload.decode(payload, start, end, out, 0)).as(bad).isFalse();
      assertThat(ChunkPayload.eventJson(payload)).as(bad).isNull();
    }
  }

  @Test
  void answersNullForAPayloadWithoutBytes() {
    assertThat(ChunkPayload.eventJson("{\"p\":\"abc\"}".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  private static String b64(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] payload(String base64) {
    return ("{\"bytes\":\"" + base64 + "\",\"p\":\"abcdefgh\"}").getBytes(StandardCharsets.UTF_8);
  }
}
