package dev.claudebedrock.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventSink;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.StreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages events into chat.completion.chunks, event by event. */
class ChatChunksTest {

  @Test
  void toolCallsAreIndexedByCallNotByContentBlock() {
    List<JsonNode> chunks = translate(true,
        event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":"
            + "{\"input_tokens\":10,\"cache_read_input_tokens\":90,\"cache_creation_input_tokens\":5,\"output_tokens\":1}}}"),
        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"thinking\",\"thinking\":\"\"}}"),
        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"thinking_delta\",\"thinking\":\"Hmm\"}}"),
        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"signature_delta\",\"signature\":\"sig\"}}"),
        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
            + "{\"type\":\"text\",\"text\":\"\"}}"),
        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
            + "{\"type\":\"text_delta\",\"text\":\"Checking\"}}"),
        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"weather\",\"input\":{}}}"),
        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_b\",\"name\":\"time\",\"input\":{}}}"),
        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}"),
        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}"),
        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}"),
        event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
            + "\"usage\":{\"output_tokens\":30}}"),
        event("message_stop", "{\"type\":\"message_stop\"}"));

    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.get("id").asText()).isEqualTo("chatcmpl-msg_1");
      assertThat(c.get("model").asText()).isEqualTo("gpt-style-name");
      assertThat(c.get("created").asLong()).isEqualTo(1_700_000_000L);
    });
    assertThat(chunks.get(0).at("/choices/0/delta")).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
    assertThat(chunks.get(1).at("/choices/0/delta")).isEqualTo(json("{\"reasoning_content\":\"Hmm\"}"));
    assertThat(chunks.get(2).at("/choices/0/delta")).isEqualTo(json("{\"content\":\"Checking\"}"));
    assertThat(chunks.get(3).at("/choices/0/delta/tool_calls/0")).isEqualTo(json(
        "{\"index\":0,\"id\":\"toolu_a\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}"));
    assertThat(chunks.get(4).at("/choices/0/delta/tool_calls/0")).isEqualTo(json(
        "{\"index\":1,\"id\":\"toolu_b\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"\"}}"));
    assertThat(chunks.get(5).at("/choices/0/delta/tool_calls/0"))
        .isEqualTo(json("{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}"));
    assertThat(chunks.get(6).at("/choices/0/delta/tool_calls/0"))
        .isEqualTo(json("{\"index\":1,\"function\":{\"arguments\":\"{}\"}}"));
    assertThat(chunks.get(7).at("/choices/0/delta/tool_calls/0"))
        .isEqualTo(json("{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}"));
    assertThat(chunks.get(8).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(chunks.get(9).get("choices")).isEmpty();
    assertThat(chunks.get(9).get("usage")).isEqualTo(json("{\"prompt_tokens\":105,\"completion_tokens\":30,"
        + "\"total_tokens\":135,\"prompt_tokens_details\":{\"cached_tokens\":90}}"));
    assertThat(chunks).hasSize(10);
  }

  @Test
  void withoutIncludeUsageTheStreamEndsAtTheFinishReason() {
    List<JsonNode> chunks = translate(false,
        event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"usage\":{}}}"),
        event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"}}"),
        event("message_stop", "{\"type\":\"message_stop\"}"));

    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(1).at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
  }

  @Test
  void aTextChunkKeepsItsEventTypeSoItMarksTheFirstToken() {
    List<StreamEvent> out = new ArrayList<>();
    run(false, out, new ArrayList<>(), event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"));

    assertThat(out.get(0).isContentDelta()).isTrue();
  }

  @Test
  void aFailurePassesThroughAsTheError() {
    List<ApiError> errors = new ArrayList<>();
    EventSource failing = new ListSource(List.of(), ApiError.of(ErrorType.OVERLOADED, "busy"));
    new ChatChunks(failing, "m", 1, true).start(new Collect(new ArrayList<>(), errors));

    assertThat(errors).extracting(ApiError::type).containsExactly(ErrorType.OVERLOADED);
  }

  private static List<JsonNode> translate(boolean includeUsage, StreamEvent... events) {
    List<StreamEvent> out = new ArrayList<>();
    List<ApiError> errors = new ArrayList<>();
    run(includeUsage, out, errors, events);
    assertThat(errors).isEmpty();
    return out.stream().map(e -> json(e.json().toString())).toList();
  }

  private static void run(boolean includeUsage, List<StreamEvent> out, List<ApiError> errors, StreamEvent... events) {
    new ChatChunks(new ListSource(List.of(events), null), "gpt-style-name", 1_700_000_000L, includeUsage)
        .start(new Collect(out, errors));
  }

  private static StreamEvent event(String type, String json) {
    return StreamEvent.of(type, json);
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Delivers fixed events, then ends or fails. */
  private record ListSource(List<StreamEvent> events, ApiError failure) implements EventSource {
    @Override
    public void start(EventSink sink) {
      events.forEach(sink::onEvent);
      if (failure == null) {
        sink.onEnd();
      } else {
        sink.onError(failure);
      }
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void cancel() {}
  }

  private record Collect(List<StreamEvent> events, List<ApiError> errors) implements EventSink {
    @Override
    public void onEvent(StreamEvent event) {
      events.add(event);
    }

    @Override
    public void onEnd() {}

    @Override
    public void onError(ApiError error) {
      errors.add(error);
    }
  }
}
