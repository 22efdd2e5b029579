package dev.claudebedrock.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  @Test
  void readsTheTypeBedrockWritesFirst() {
    assertThat(EventJson.type(bytes("{\"type\":\"content_block_delta\",\"index\":0}")))
        .isEqualTo("content_block_delta");
  }

  @Test
  void findsTheTypeWhereverItIs() {
    assertThat(EventJson
        .type(bytes("{ \"index\":0, \"delta\":{\"type\":\"text_delta\"}, \"type\" : \"content_block_delta\"}")))
        .isEqualTo("content_block_delta");
  }

  @Test
  void answersNullWithoutATopLevelType() {
    assertThat(EventJson.type(bytes("{\"delta\":{\"type\":\"x\"}}"))).isNull();
    assertThat(EventJson.type(bytes("not json"))).isNull();
  }

  @Test
  void spotsLineBreaksThatWouldSplitAnSseDataLine() {
    assertThat(EventJson.hasLineBreak(bytes("{\"type\":\"a\",\n\"b\":1}"))).isTrue();
    assertThat(EventJson.hasLineBreak(bytes("{\"text\":\"line\\nbreak escaped\"}"))).isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
