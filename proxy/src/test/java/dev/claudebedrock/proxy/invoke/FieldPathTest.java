package dev.claudebedrock.proxy.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  @Test
  void removesATopLevelField() throws Exception {
    JsonNode body = Json.MAPPER.readTree("{\"a\":1,\"b\":2}");
    assertThat(FieldPath.parse("a").removeFrom(body)).isTrue();
    assertThat(body.toString()).isEqualTo("{\"b\":2}");
  }

  @Test
  void walksEveryElementOfArraysAndLeavesOtherShapesAlone() throws Exception {
    JsonNode body = Json.MAPPER.readTree("""
        {"messages":[{"content":[{"cache_control":{"scope":"x","type":"e"}},"plain text"]},
                     {"content":"a string"},{"no_content":true}]}""");
    assertThat(FieldPath.parse("messages[].content[].cache_control.scope").removeFrom(body)).isTrue();
    assertThat(body.toString()).isEqualTo(
        "{\"messages\":[{\"content\":[{\"cache_control\":{\"type\":\"e\"}},\"plain text\"]},"
            + "{\"content\":\"a string\"},{\"no_content\":true}]}");
  }

  @Test
  void reportsNothingRemovedWhenThePathIsAbsent() throws Exception {
    JsonNode body = Json.MAPPER.readTree("{\"tools\":[{\"name\":\"t\"}]}");
    assertThat(FieldPath.parse("tools[].defer_loading").removeFrom(body)).isFalse();
    assertThat(FieldPath.parse("missing.deeper").removeFrom(body)).isFalse();
  }
}
