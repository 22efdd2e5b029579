package dev.claudebedrock.proxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.Usage;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.RequestListener;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesAnswersTest {
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

  private String answer(String upstream) {
    Future<Reply> reply = MessagesAnswers.toClient(exchange, "claude-sonnet-4-5",
        new Reply.Complete(200, HttpHeaders.headers(), Buffer.buffer(upstream)), null, response -> null);
    return ((Reply.Complete) reply.result()).body().toString();
  }

  @Test
  void splicesTheClientsModelNameIntoBedrocksBytesAndReportsUsageAndStopReason() {
    String upstream = "{\"id\":\"msg_1\", \"type\":\"message\",\n \"model\" : \"anthropic.claude-sonnet-4-5-v1:0\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"caf\\u00e9 \u2603\"}],\"stop_reason\":\"end_turn\","
        + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3.0e0,\"cache_read_input_tokens\":0}}";

    assertThat(answer(upstream)).isEqualTo(upstream.replace("anthropic.claude-sonnet-4-5-v1:0", "claude-sonnet-4-5"));
    assertThat(heard).hasSize(2).contains("end_turn");
    assertThat(((Usage) heard.get(0)).input()).isEqualTo(12);
  }

  @Test
  void readsUsageAndStopReasonFromTheirBytesAsFromATree() throws Exception {
    List<String> usages = List.of(
        "{\"input_tokens\":12,\"output_tokens\":3.9e0,\"cache_read_input_tokens\":0}",
        "{\"input_tokens\":5,\"cache_creation_input_tokens\":7,\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
            + "2,\"ephemeral_1h_input_tokens\":5},\"server_tool_use\":{\"web_search_requests\":[1,{\"a\":2}]}}",
        "{\"input_tokens\":\"12\",\"output_tokens\":null,\"cache_read_input_tokens\":[3],"
            + "\"cache_creation_input_tokens\":{\"n\":4},\"cache_creation\":7,\"output_tokens_x\":1}",
        "{\"input_tokens\":123456789012345678901234567890,\"output_tokens\":-2,\"cache_creation\":{}}",
        "{}", "null", "[1]", "17");
    for (String usage : usages) {
      for (String reason : List.of("\"end_turn\"", "null", "3", "{\"x\":\"end_turn\"}")) {
        heard.clear();
        answer("{\"model\":\"m\",\"stop_reason\":" + reason + ",\"usage\":" + usage + "}");
        List<Object> spliced = List.copyOf(heard);
        heard.clear();
        UsageRecorder.fromStopReason(Json.MAPPER.readTree(reason), exchange);
        UsageRecorder.fromUsage(Json.MAPPER.readTree(usage), exchange);
        assertThat(spliced).as("usage %s, stop reason %s", usage, reason).containsExactlyInAnyOrderElementsOf(heard);
      }
    }
    heard.clear();
    answer("{\"usage\":" + usages.get(1) + "}");
    assertThat(heard).containsExactly(new Usage(5, -1, -1, 7, 5));
  }

  @Test
  void refusesUsageWithADuplicateName() {
    assertThatThrownBy(() -> answer("{\"usage\":{\"input_tokens\":1,\"input_tokens\":2}}"))
        .isInstanceOf(ApiException.class).hasMessageContaining("not JSON");
  }

  @Test
  void addsTheModelWhenBedrockLeftItOut() {
    assertThat(answer("{\"id\":\"m\" }")).isEqualTo("{\"id\":\"m\" ,\"model\":\"claude-sonnet-4-5\"}");
    assertThat(answer("{}")).isEqualTo("{\"model\":\"claude-sonnet-4-5\"}");
  }

  @Test
  void passesJsonThatIsNoObjectAndRefusesWhatIsNotJson() {
    assertThat(answer("[1, 2]")).isEqualTo("[1, 2]");
    assertThatThrownBy(() -> answer("{\"model\":\"x\", \"content\": [")).isInstanceOf(ApiException.class)
        .hasMessageContaining("not JSON");
  }
}
