package dev.claudebedrock.proxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.Usage;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.RequestListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code message_delta} and {@code message_start} read with the streaming parser report what a tree of the event gave:
 * the same usage and stop reason for every shape of value, in any order, next to anything else.
 */
class StreamEventReadersTest {
  private static final List<String> USAGES = List.of(
      "{\"output_tokens\":42}",
      "{\"input_tokens\":12,\"output_tokens\":3.9e0,\"cache_read_input_tokens\":0}",
      "{\"input_tokens\":5,\"cache_creation_input_tokens\":7,\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
          + "2,\"ephemeral_1h_input_tokens\":5},\"server_tool_use\":{\"web_search_requests\":[1,{\"a\":2}]}}",
      "{\"input_tokens\":\"12\",\"output_tokens\":null,\"cache_read_input_tokens\":[3],"
          + "\"cache_creation_input_tokens\":{\"n\":4},\"cache_creation\":7}",
      "{}", "null", "[1,{\"output_tokens\":3}]", "17", "\"x\"");
  private static final List<String> DELTAS = List.of(
      "{\"stop_reason\":\"end_turn\",\"stop_sequence\":null}",
      "{\"stop_sequence\":\"###\",\"stop_reason\":\"stop_sequence\"}",
      "{\"stop_reason\":null}", "{\"stop_reason\":3}", "{\"stop_reason\":{\"x\":\"end_turn\"}}",
      "{\"nested\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":9}}", "{}", "[\"end_turn\"]",
      "\"end_turn\"");

  private final List<Object> heard = new ArrayList<>();
  private final Exchange exchange = new Exchange(null, "req_test", 0, "/v1/messages", null, new RequestListener() {
    @Override
    public void usage(Exchange e, Usage usage) {
      heard.add(usage);
    }

    @Override
    public void stopReason(Exchange e, String reason) {
      heard.add(reason);
    }
  });

  @Test
  void aMessageDeltaReportsWhatItsTreeGave() throws IOException {
    for (String usage : USAGES) {
      for (String delta : DELTAS) {
        for (String json : List.of(
            "{\"type\":\"message_delta\",\"delta\":" + delta + ",\"usage\":" + usage + "}",
            "{\"usage\":" + usage + ",\"extra\":[{\"usage\":{\"output_tokens\":1}}],\"delta\":" + delta
                + ",\"type\":\"message_delta\"}")) {
          MessageDelta read = MessageDelta.read(bytes(json));
          heard.clear();
          if (read.usage() != null) {
            UsageRecorder.fromUsage(read.usage(), exchange);
          }
          if (read.stopReason() != null) {
            UsageRecorder.fromStopReason(read.stopReason(), exchange);
          }
          List<Object> streamed = List.copyOf(heard);
          heard.clear();
          JsonNode tree = Json.MAPPER.readTree(json);
          UsageRecorder.fromUsage(tree.get("usage"), exchange);
          JsonNode treeDelta = tree.get("delta");
          UsageRecorder.fromStopReason(treeDelta == null ? null : treeDelta.get("stop_reason"), exchange);
          assertThat(streamed).as(json).containsExactlyElementsOf(heard);
        }
      }
    }
  }

  @Test
  void aMessageDeltaWithoutUsageOrDeltaReportsNothing() throws IOException {
    MessageDelta read = MessageDelta.read(bytes("{\"type\":\"message_delta\"}"));
    assertThat(read.usage()).isNull();
    assertThat(read.stopReason()).isNull();
    assertThat(MessageDelta.read(bytes("{\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":7}}")))
        .isEqualTo(new MessageDelta(new Usage(-1, 7, -1, -1, -1), "tool_use"));
  }

  @Test
  void aMessageDeltaThatIsNotOneObjectOrHasADuplicateNameIsRefused() {
    for (String json : List.of("[1]", "\"x\"", "{\"usage\":{\"output_tokens\":1,\"output_tokens\":2}}",
        "{\"delta\":{\"stop_reason\":\"a\",\"stop_reason\":\"b\"}}", "{\"usage\":{\"output_tokens\":1}",
        "{\"delta\":{},\"delta\":{}}")) {
      assertThatThrownBy(() -> MessageDelta.read(bytes(json))).as(json).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aMessageStartReadsItsUsageAsItsTreeGave() throws IOException {
    for (String usage : USAGES) {
      String json = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":" + usage
          + ",\"model\":\"anthropic.claude\",\"content\":[]}}";
      MessageStart start = MessageStart.read(bytes(json));
      heard.clear();
      if (start.usage() != null) {
        UsageRecorder.fromUsage(start.usage(), exchange);
      }
      List<Object> streamed = List.copyOf(heard);
      heard.clear();
      UsageRecorder.fromUsage(Json.MAPPER.readTree(json).get("message").get("usage"), exchange);
      assertThat(streamed).as(json).containsExactlyElementsOf(heard);
      assertThat(new String(start.withModel("claude-x"), StandardCharsets.UTF_8))
          .isEqualTo(json.replace("anthropic.claude", "claude-x"));
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
