package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.models.ModelInfo;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official Anthropic SDK against the gateway against the simulator: the API works as it does at Anthropic. */
class MessagesApiTest {
  private static GatewayHarness harness;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start();
    client = harness.sdk();
  }

  @AfterAll
  static void stop() {
    client.close();
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.clearRequests();
    harness.sim.faults().clear();
    harness.sim.clearPromptCache();
  }

  @Test
  void createsAMessageAndAnswersWithTheModelNameTheClientAskedFor() {
    Message message = client.messages().create(hello("sonnet"));

    assertThat(message.model().asString()).isEqualTo("sonnet");
    assertThat(message.id()).startsWith("msg_bdrk_");
    assertThat(message.content()).hasSize(1);
    assertThat(message.content().get(0).text().orElseThrow().text()).contains("Hello gateway");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
    RecordedRequest upstream = harness.sim.requests().get(0);
    assertThat(upstream.rawPath()).isEqualTo("/model/us.anthropic.claude-sonnet-5-5/invoke");
  }

  @Test
  void streamsEventsThatAccumulateToTheSameMessage() {
    Message whole = client.messages().create(hello("claude-opus-5-5"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello("claude-opus-5-5"))) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message streamed = accumulator.message();

    assertThat(streamed.model().asString()).isEqualTo("claude-opus-5-5");
    assertThat(streamed.content()).isEqualTo(whole.content());
    assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
    assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
    assertThat(streamed.usage().inputTokens()).isEqualTo(whole.usage().inputTokens());
    assertThat(harness.sim.requests().get(1).rawPath())
        .isEqualTo("/model/us.anthropic.claude-opus-5-5/invoke-with-response-stream");
  }

  @Test
  void countsTokensWithBedrockOnTheFoundationModel() {
    MessageTokensCount count = client.messages().countTokens(MessageCountTokensParams.builder()
        .model("claude-sonnet-4-5").addUserMessage("How many tokens is this?").build());
    Message message = client.messages().create(MessageCreateParams.builder()
        .model("claude-sonnet-4-5").maxTokens(64).addUserMessage("How many tokens is this?").build());

    assertThat(count.inputTokens()).isEqualTo(message.usage().inputTokens());
    assertThat(harness.sim.requests().get(0).rawPath())
        .isEqualTo("/model/anthropic.claude-sonnet-4-5-20250929-v1:0/count-tokens");
  }

  @Test
  void listsTheModelsItServes() {
    List<String> ids = client.models().list().data().stream().map(ModelInfo::id).toList();
    assertThat(ids).contains("claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5", "claude-sonnet-4-5-20250929");
    assertThat(client.models().retrieve("claude-haiku-4-5-20251001").displayName()).isEqualTo("Claude Haiku 4.5");
  }

  @Test
  void roundTripsAToolCall() {
    Tool weather = Tool.builder().name("get_weather").description("Weather for a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .required(List.of("city")).build())
        .build();
    MessageCreateParams first = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256)
        .addTool(weather).addUserMessage("What is the weather in Paris? [[sim:tool=get_weather]]").build();

    Message call = client.messages().create(first);
    ContentBlock toolUse = call.content().stream().filter(b -> b.toolUse().isPresent()).findFirst().orElseThrow();
    assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(toolUse.toolUse().get().name()).isEqualTo("get_weather");

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(first)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ContentBlock streamedToolUse = accumulator.message().content().get(1);
    assertThat(streamedToolUse.toolUse()).as("streamed input_json_delta pieces rebuild the same input")
        .hasValueSatisfying(t -> {
          assertThat(t.name()).isEqualTo("get_weather");
          assertThat(t._input()).isEqualTo(toolUse.toolUse().get()._input());
        });

    Message answer = client.messages().create(first.toBuilder()
        .addMessage(call)
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
            .toolUseId(toolUse.toolUse().get().id()).content("18 degrees, clear").build())))
        .build());
    assertThat(answer.stopReason()).contains(StopReason.END_TURN);
    assertThat(harness.sim.requests()).hasSize(3);
  }

  @Test
  void streamsThinkingWithItsSignature() {
    MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(2048)
        .enabledThinking(1024).addUserMessage("Think first").build();
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message message = accumulator.message();
    assertThat(message.content().get(0).thinking()).hasValueSatisfying(thinking -> {
      assertThat(thinking.thinking()).isNotEmpty();
      assertThat(thinking.signature()).isNotEmpty();
    });
    assertThat(message.content().get(1).text()).isPresent();
  }

  @Test
  void reportsPromptCachingUsage() {
    String longSystem = "You are a careful assistant. ".repeat(400);
    MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64)
        .systemOfTextBlockParams(List.of(TextBlockParam.builder().text(longSystem)
            .cacheControl(CacheControlEphemeral.builder().build()).build()))
        .addUserMessage("Hi").build();

    Message first = client.messages().create(params);
    Message second = client.messages().create(params);
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }

    assertThat(first.usage().cacheCreationInputTokens()).hasValueSatisfying(n -> assertThat(n).isPositive());
    assertThat(second.usage().cacheReadInputTokens()).isEqualTo(first.usage().cacheCreationInputTokens());
    assertThat(accumulator.message().usage().cacheReadInputTokens())
        .isEqualTo(first.usage().cacheCreationInputTokens());
  }

  private static MessageCreateParams hello(String model) {
    return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage("Hello gateway").build();
  }
}
