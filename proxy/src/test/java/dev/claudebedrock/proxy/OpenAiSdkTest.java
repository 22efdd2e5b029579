package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.models.Model;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK, pointed at the gateway's {@code /openai/v1} base URL, against the simulator: what a
 * tool written for OpenAI sees (completions, streams reassembled by the SDK, tool calls, images, structured output,
 * usage, errors as the SDK's typed exceptions).
 */
class OpenAiSdkTest {
  private static GatewayHarness harness;
  private static OpenAIClient client;

  /** A tool the SDK describes from a class, as applications declare them. */
  static class GetWeather {
    @JsonPropertyDescription("The city")
    public String city;
    @JsonPropertyDescription("How many days ahead")
    public int days;
  }

  /** A structured answer the SDK parses from the completion's JSON. */
  static class City {
    public String name;
    public String country;
  }

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("", GatewayHarness.NO_RETRIES);
    client = OpenAIOkHttpClient.builder().baseUrl(harness.url() + "/openai/v1").apiKey(GatewayHarness.TOKEN)
        .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
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
  }

  @Test
  void aCompletionComesBackWithContentFinishReasonAndUsage() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-sonnet-4-5").addSystemMessage("Be brief.").addUserMessage("Hello gateway").build());

    assertThat(completion.model()).isEqualTo("claude-sonnet-4-5");
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.message().content()).contains("Hello gateway");
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage().orElseThrow().promptTokens()).isPositive();
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(2);
    assertThat(completion.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
  }

  @Test
  void theModelsAreListedForModelPickers() {
    List<String> ids = client.models().list().data().stream().map(Model::id).toList();

    assertThat(ids).contains("claude-sonnet-5-5", "claude-opus-4-5-20251101");
    assertThat(client.models().retrieve("claude-haiku-4-5").id()).isEqualTo("claude-haiku-4-5");
  }

  @Test
  void aStreamedToolCallIsReassembledIntoValidArgumentsAndTheConversationGoesOn() {
    ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("claude-sonnet-4-5")
        .addTool(GetWeather.class).addUserMessage("What is the weather? [[sim:tool=GetWeather]]")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params.build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ChatCompletion streamed = accumulator.chatCompletion();

    ChatCompletionMessage message = streamed.choices().get(0).message();
    assertThat(streamed.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(message.content()).contains("What is the weather?");
    ChatCompletionMessageFunctionToolCall call = message.toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.id()).startsWith("toolu_bdrk_");
    assertThat(call.function().name()).isEqualTo("GetWeather");
    GetWeather arguments = call.function().arguments(GetWeather.class);
    assertThat(arguments.city).isEqualTo("sim-city");
    assertThat(arguments.days).isEqualTo(1);
    assertThat(streamed.usage().orElseThrow().completionTokens()).isPositive();

    ChatCompletion next = client.chat().completions().create(params.streamOptions(java.util.Optional.empty())
        .addMessage(message)
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("Sunny, 21C").build())
        .addUserMessage("Thanks, summarise").build());

    assertThat(next.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(next.choices().get(0).message().content()).contains("Thanks, summarise");
    var upstream = harness.sim.requests().get(1).bodyJson();
    assertThat(upstream.at("/messages/1/content/1/type").asText()).isEqualTo("tool_use");
    assertThat(upstream.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo(call.id());
    assertThat(upstream.at("/messages/2/content/0/content").asText()).isEqualTo("Sunny, 21C");
  }

  @Test
  void reasoningComesBackBesideTheAnswer() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-sonnet-4-5").reasoningEffort(ReasoningEffort.LOW).addUserMessage("Why?").build());

    assertThat(completion.choices().get(0).message().content()).contains("Why?");
    assertThat(completion.choices().get(0).message()._additionalProperties().get("reasoning_content").asString())
        .contains("Let me think about how to answer this.");
  }

  @Test
  void anImageSentAsADataUrlReachesTheModel() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-sonnet-4-5").addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("Describe it").build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                    .url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                        + "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
                    .build())
                .build())))
        .build());

    assertThat(completion.choices().get(0).message().content()).contains("Describe it");
    assertThat(completion.usage().orElseThrow().promptTokens()).isGreaterThan(1600);
    assertThat(harness.sim.requests().get(0).bodyJson().at("/messages/0/content/1/source/type").asText())
        .isEqualTo("base64");
  }

  @Test
  void anImageUrlIsRefusedNamingTheField() {
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-sonnet-4-5").addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                    .url("http://169.254.169.254/latest/meta-data/").build())
                .build())))
        .build()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.param()).contains("messages[0].content[0].image_url.url"));
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void structuredOutputIsParsedByTheSdkIntoTheClass() {
    StructuredChatCompletion<City> completion = client.chat().completions().create(ChatCompletionCreateParams
        .builder().model("claude-sonnet-4-5").addUserMessage("Name a city").responseFormat(City.class).build());

    City city = completion.choices().get(0).message().content().orElseThrow();
    assertThat(city.name).isEqualTo("sim-name");
    assertThat(city.country).isEqualTo("sim-country");
    assertThat(harness.sim.requests().get(0).bodyJson().at("/output_config/format/schema/required").toString())
        .contains("name", "country");
  }

  @Test
  void structuredOutputOnAnOlderModelIsABadRequestAboutResponseFormat() {
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-3-5-haiku-latest").addUserMessage("Name a city").responseFormat(City.class).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("response_format");
          assertThat(e.getMessage()).contains("structured output");
        });
  }

  @Test
  void errorsAreTheSdksTypedExceptions() {
    OpenAIClient stranger = OpenAIOkHttpClient.builder().baseUrl(harness.url() + "/openai/v1")
        .apiKey("not-a-gateway-key-0000000").maxRetries(0).build();
    assertThatThrownBy(() -> stranger.chat().completions().create(hello()))
        .isInstanceOf(UnauthorizedException.class);
    stranger.close();

    assertThatThrownBy(() -> client.chat().completions().create(hello().toBuilder().n(2).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("n");
          assertThat(e.type()).contains("invalid_request_error");
        });

    harness.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
    assertThatThrownBy(() -> client.chat().completions().create(hello()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.headers().values("retry-after")).isNotEmpty();
          assertThat(e.code()).contains("rate_limit_exceeded");
        });

    harness.sim.faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE));
    assertThatThrownBy(() -> client.chat().completions().create(hello()))
        .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
  }

  @Test
  void aFailureInsideAStreamIsRaisedByTheSdkAfterTheChunksBeforeIt() {
    harness.sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.INTERNAL_SERVER, 3));
    StringBuilder seen = new StringBuilder();

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(hello())) {
        stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(seen::append)));
      }
    }).isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
      assertThat(e).isInstanceOf(SseException.class);
      assertThat(e.type()).contains("server_error");
    });
    assertThat(seen.toString()).isNotEmpty();
  }

  private static ChatCompletionCreateParams hello() {
    return ChatCompletionCreateParams.builder().model("claude-sonnet-4-5")
        .addUserMessage("one two three four five six").build();
  }
}
