package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.FaultScript;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.SdkClients;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import dev.claudebedrock.sim.validation.JsonBodies;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The AWS SDK's asynchronous (Netty, HTTP/1.1) client: streams above all, and the plain calls. */
class StreamingSdkTest {
  private static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;
  private static BedrockRuntimeAsyncClient client;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
    client = SdkClients.runtimeAsync(sim);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void streamsTheAnthropicEventSequenceWithUsageThatAddsUp() {
    Streamed streamed = stream(Bodies.invoke("Stream these five words"));

    assertThat(streamed.error).isNull();
    assertThat(types(streamed.events)).containsExactly("message_start", "content_block_start",
        "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop");
    JsonNode start = streamed.events.getFirst().path("message");
    assertThat(start.path("id").asText()).startsWith("msg_bdrk_");
    assertThat(start.path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(start.path("usage").path("output_tokens").asInt()).isEqualTo(1);
    StringBuilder text = new StringBuilder();
    streamed.events.stream().filter(e -> e.path("delta").path("type").asText().equals("text_delta"))
        .forEach(e -> text.append(e.path("delta").path("text").asText()));
    assertThat(text).hasToString("Stream these five words");

    JsonNode delta = streamed.events.get(streamed.events.size() - 2);
    assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(4);
    JsonNode metrics = streamed.events.getLast().path("amazon-bedrock-invocationMetrics");
    assertThat(metrics.path("outputTokenCount").asInt()).isEqualTo(4);
    assertThat(metrics.path("inputTokenCount").asInt()).isEqualTo(start.path("usage").path("input_tokens").asInt());
    assertThat(metrics.has("invocationLatency")).isTrue();
    assertThat(metrics.has("firstByteLatency")).isTrue();
    assertThat(metrics.path("cacheReadInputTokenCount").asInt()).isZero();
    assertThat(metrics.path("cacheWriteInputTokenCount").asInt()).isZero();
    assertThat(types(streamed.events)).doesNotContain("ping");
  }

  @Test
  void streamsAToolCallAsInputJsonDeltasThatConcatenateToTheInput() throws IOException {
    ObjectNode body = Bodies.withWeatherTool("What is the weather?");
    body.putObject("tool_choice").put("type", "any");

    Streamed streamed = stream(body);

    JsonNode blockStart = streamed.events.get(1).path("content_block");
    assertThat(blockStart.path("type").asText()).isEqualTo("tool_use");
    assertThat(blockStart.path("id").asText()).startsWith("toolu_bdrk_");
    assertThat(blockStart.path("name").asText()).isEqualTo("get_weather");
    StringBuilder json = new StringBuilder();
    List<JsonNode> pieces = streamed.events.stream()
        .filter(e -> e.path("delta").path("type").asText().equals("input_json_delta")).toList();
    pieces.forEach(e -> json.append(e.path("delta").path("partial_json").asText()));
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(JsonBodies.MAPPER.readTree(json.toString()))
        .isEqualTo(JsonBodies.MAPPER.readTree("{\"city\":\"sim-city\",\"days\":1,\"unit\":\"celsius\"}"));
    JsonNode delta = streamed.events.get(streamed.events.size() - 2);
    assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
    assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(pieces.size());
  }

  @Test
  void streamsThinkingDeltasThenOneSignatureBeforeTheText() {
    ObjectNode body = Bodies.invoke("Think first [[sim:thinking=3]]", 4096);
    body.putObject("thinking").put("type", "enabled").put("budget_tokens", 2048);

    Streamed streamed = stream(body);

    assertThat(streamed.events.get(1).path("content_block").path("type").asText()).isEqualTo("thinking");
    List<String> thinkingDeltas = streamed.events.stream().filter(e -> e.path("index").asInt(-1) == 0)
        .map(e -> e.path("delta").path("type").asText()).filter(t -> !t.isEmpty()).toList();
    assertThat(thinkingDeltas).containsExactly("thinking_delta", "thinking_delta", "thinking_delta", "signature_delta");
    JsonNode textStart = streamed.events.stream().filter(e -> e.path("type").asText().equals("content_block_start")
        && e.path("index").asInt() == 1).findFirst().orElseThrow();
    assertThat(textStart.path("content_block").path("type").asText()).isEqualTo("text");
    JsonNode delta = streamed.events.get(streamed.events.size() - 2);
    assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(3 + 2); // thinking + "Think first"
  }

  @ParameterizedTest
  @EnumSource(StreamExceptionType.class)
  void surfacesAnInjectedExceptionFrameAsTheSdksTypedException(StreamExceptionType type) {
    sim.faults().script(FaultScript.exceptionFrame(type, 2));

    Streamed streamed = stream(Bodies.invoke("a b c d e f"));

    assertThat(streamed.events).hasSize(2);
    assertThat(streamed.error).isInstanceOf(switch (type) {
      case INTERNAL_SERVER -> InternalServerException.class;
      case MODEL_STREAM_ERROR -> ModelStreamErrorException.class;
      case VALIDATION -> ValidationException.class;
      case THROTTLING -> ThrottlingException.class;
      case MODEL_TIMEOUT -> ModelTimeoutException.class;
      case SERVICE_UNAVAILABLE -> ServiceUnavailableException.class;
    });
    assertThat(streamed.error.getMessage()).contains(type.defaultMessage());
    assertThat(sim.requests().getLast().eventsSent()).isEqualTo(2);
  }

  @Test
  void carriesTheOriginalStatusOfAModelStreamError() {
    sim.faults().script(FaultScript.of(new dev.claudebedrock.sim.faults.Fault.ExceptionFrame(
        StreamExceptionType.MODEL_STREAM_ERROR, 0, "upstream broke",
        Map.of("originalStatusCode", 503, "originalMessage", "overloaded"))));

    Streamed streamed = stream(Bodies.invoke("x"));

    assertThat(streamed.error).isInstanceOfSatisfying(ModelStreamErrorException.class, e -> {
      assertThat(e.originalStatusCode()).isEqualTo(503);
      assertThat(e.originalMessage()).isEqualTo("overloaded");
      assertThat(e.getMessage()).contains("upstream broke");
    });
  }

  @Test
  void answersInvokeModelAndCountTokensThroughTheAsyncClientToo() throws Exception {
    JsonNode message = JsonBodies.MAPPER.readTree(client
        .invokeModel(r -> r.modelId(MODEL).contentType("application/json")
            .body(SdkBytes.fromUtf8String(Bodies.invoke("async hello").toString())))
        .get(20, TimeUnit.SECONDS).body().asByteArray());
    int counted = client.countTokens(r -> r.modelId("anthropic.claude-sonnet-4-5-20250929-v1:0")
        .input(software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput.fromInvokeModel(b -> b.body(
            SdkBytes.fromUtf8String(Bodies.invoke("async hello").toString())))))
        .get(20, TimeUnit.SECONDS).inputTokens();

    assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("async hello");
    assertThat(counted).isEqualTo(message.path("usage").path("input_tokens").asInt());
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }

  private static Streamed stream(ObjectNode body) {
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
        .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().onChunk(chunk -> {
          try {
            events.add(JsonBodies.MAPPER.readTree(chunk.bytes().asByteArray()));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }).build())
        .build();
    Throwable error = catchThrowable(() -> client.invokeModelWithResponseStream(r -> r.modelId(MODEL)
        .contentType("application/json").accept("application/json")
        .body(SdkBytes.fromUtf8String(body.toString())), handler)
        .get(20, TimeUnit.SECONDS));
    while (error != null
        && (error instanceof CompletionException || error instanceof java.util.concurrent.ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return new Streamed(events, error);
  }

  private record Streamed(List<JsonNode> events, Throwable error) {}
}
