package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.faults.FaultScript;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.RawSocket;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import dev.claudebedrock.sim.testing.Streams;
import dev.claudebedrock.sim.validation.JsonBodies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** Bedrock's native Messages API ("bedrock-mantle"), over real HTTP: the Anthropic API's shapes, Bedrock's auth. */
class MantleMessagesTest {
  private static final String MESSAGES = "/anthropic/v1/messages";
  private static final String COUNT = "/anthropic/v1/messages/count_tokens";
  private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
  }

  @Test
  void answersAMessageToABedrockApiKey() {
    HttpResponse<byte[]> response = RawHttp.send(withApiKey(MESSAGES, body(HAIKU, "hello there", false)));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode message = RawHttp.json(response);
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("model").asText()).isEqualTo("claude-haiku-4-5-20251001");
    assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("text");
    assertThat(message.path("usage").path("input_tokens").asInt()).isPositive();
    RecordedRequest recorded = sim.requests().getLast();
    assertThat(recorded.operation()).isEqualTo(Operation.MESSAGES);
    assertThat(recorded.modelId()).isEqualTo(HAIKU);
  }

  @Test
  void takesTheKeyAsXApiKeyToo() {
    HttpRequest request = base(MESSAGES).header("x-api-key", SimulatorConfig.DEFAULT_API_KEY)
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body(HAIKU, "hi", false).toString())).build();

    assertThat(RawHttp.send(request).statusCode()).isEqualTo(200);
  }

  @Test
  void takesProfileOnlyModelsByTheirFoundationIdAndByProfile() {
    assertThat(RawHttp.send(withApiKey(MESSAGES, body("anthropic.claude-opus-5-5", "hi", false))).statusCode())
        .isEqualTo(200);
    assertThat(RawHttp.send(withApiKey(MESSAGES, body("global.anthropic.claude-opus-5-5", "hi", false))).statusCode())
        .isEqualTo(200);
  }

  @Test
  void verifiesSigV4WithTheSigningNameBedrockMantle() {
    byte[] json = body(HAIKU, "signed", true).toString().getBytes(StandardCharsets.UTF_8);

    assertThat(RawHttp.send(signed(MESSAGES + "?beta=true", json, "bedrock-mantle")).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> wrongService = RawHttp.send(signed(MESSAGES, json, "bedrock"));
    assertThat(wrongService.statusCode()).isEqualTo(401);
    assertThat(RawHttp.json(wrongService).path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(RawHttp.json(wrongService).path("error").path("message").asText())
        .contains("Credential should be scoped to correct service: 'bedrock-mantle'");
  }

  @Test
  void refusesAWrongKeyInTheAnthropicShape() {
    HttpRequest request = base(MESSAGES).header("Authorization", "Bearer not-the-key")
        .POST(HttpRequest.BodyPublishers.ofString(body(HAIKU, "hi", false).toString())).build();

    HttpResponse<byte[]> response = RawHttp.send(request);

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode error = RawHttp.json(response);
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(error.path("request_id").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId")
        .orElseThrow());
    assertThat(response.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("UnrecognizedClientException:");
  }

  @Test
  void refusesABodyAsTheAnthropicApiDoes() {
    ObjectNode extra = body(HAIKU, "hi", false).put("anthropic_version", "bedrock-2023-05-31");
    HttpResponse<byte[]> response = RawHttp.send(withApiKey(MESSAGES, extra));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(response).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(RawHttp.json(response).path("error").path("message").asText())
        .isEqualTo("anthropic_version: Extra inputs are not permitted");

    HttpRequest noVersion = base(MESSAGES).header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body(HAIKU, "hi", false).toString())).build();
    assertThat(RawHttp.json(RawHttp.send(noVersion)).path("error").path("message").asText())
        .isEqualTo("anthropic-version: header is required");

    HttpResponse<byte[]> unknown = RawHttp.send(withApiKey(MESSAGES, body("anthropic.claude-nonexistent", "x", false)));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(RawHttp.json(unknown).path("error").path("type").asText()).isEqualTo("not_found_error");
  }

  @Test
  void acceptsClaudeCodesContextManagementAndBetasInTheHeader() {
    ObjectNode body = body(HAIKU, "hi", true);
    body.putObject("context_management").putArray("edits").addObject().put("type", "clear_thinking_20251015")
        .put("keep", "all");
    HttpRequest request = base(MESSAGES + "?beta=true")
        .header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY).header("anthropic-version", "2023-06-01")
        .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();

    assertThat(RawHttp.send(request).statusCode()).isEqualTo(200);
  }

  @Test
  void streamsServerSentEvents() {
    Streams.Received received = Streams.readAll(withApiKey(MESSAGES, body(HAIKU, "one two three", true)));

    assertThat(received.status()).isEqualTo(200);
    assertThat(received.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
    List<String[]> events = sse(received.bytes());
    assertThat(events.getFirst()[0]).isEqualTo("message_start");
    assertThat(events.getLast()[0]).isEqualTo("message_stop");
    assertThat(events.getLast()[1]).isEqualTo("{\"type\":\"message_stop\"}");
    assertThat(events).extracting(e -> e[0]).contains("content_block_start", "content_block_delta",
        "content_block_stop", "message_delta");
    for (String[] event : events) {
      assertThat(json(event[1]).path("type").asText()).isEqualTo(event[0]);
    }
    assertThat(sim.requests().getLast().eventsSent()).isEqualTo(events.size());
  }

  @Test
  void scriptedHttpErrorsComeInTheAnthropicShapeWithRetryAfter() {
    sim.faults().script(FaultScript.of(new Fault.HttpError(ErrorType.THROTTLING, null, 7, Map.of(), Map.of()))
        .onOperation(Operation.MESSAGES));

    HttpResponse<byte[]> response = RawHttp.send(withApiKey(MESSAGES, body(HAIKU, "x", true)));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(RawHttp.json(response).path("error").path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(response.headers().firstValue("retry-after")).hasValue("7");
  }

  @Test
  void endsAStreamWithAnErrorEventAfterKEvents() {
    sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.SERVICE_UNAVAILABLE, 3).onModel(HAIKU));

    Streams.Received received = Streams.readAll(withApiKey(MESSAGES, body(HAIKU, "one two three four", true)));

    List<String[]> events = sse(received.bytes());
    assertThat(events).hasSize(4);
    assertThat(events.getLast()[0]).isEqualTo("error");
    assertThat(json(events.getLast()[1]).path("error").path("type").asText()).isEqualTo("overloaded_error");
    assertThat(received.failure()).isNull();
  }

  @Test
  void dropsAStreamAfterKEvents() {
    sim.faults().script(FaultScript.dropConnection(2));

    // A raw socket: an HTTP client may discard what it buffered when the connection breaks.
    try (RawSocket socket = RawSocket.post(sim, MESSAGES, body(HAIKU, "one two three four", true).toString(),
        "anthropic-version: 2023-06-01\r\n")) {
      assertThat(socket.readHead()).startsWith("HTTP/1.1 200 OK");
      assertThat(sse(socket.readChunkedBody())).hasSize(2);
    }
    assertThat(sim.requests().getLast().eventsSent()).isEqualTo(2);
    assertThat(sim.requests().getLast().completed()).isFalse();
  }

  @Test
  void countsTokensAsCountTokensDoesAndForModelsItRefuses() {
    String text = "count these words please";
    ObjectNode countTokens = JsonBodies.MAPPER.createObjectNode();
    countTokens.putObject("input").putObject("invokeModel").put("body",
        Base64.getEncoder().encodeToString(Bodies.invoke(text).toString().getBytes(StandardCharsets.UTF_8)));
    int expected = RawHttp.json(RawHttp.postJson(sim, "/model/" + HAIKU + "/count-tokens", countTokens))
        .path("inputTokens").asInt();
    ObjectNode haiku = body(HAIKU, text, false);
    haiku.remove("max_tokens");
    ObjectNode opus = body("anthropic.claude-opus-5-5", text, false);
    opus.remove("max_tokens");

    HttpResponse<byte[]> forHaiku = RawHttp.send(withApiKey(COUNT, haiku));
    HttpResponse<byte[]> forOpus = RawHttp.send(withApiKey(COUNT, opus));

    assertThat(expected).isPositive();
    assertThat(RawHttp.json(forHaiku).path("input_tokens").asInt()).isEqualTo(expected);
    assertThat(forOpus.statusCode()).isEqualTo(200);
    assertThat(RawHttp.json(forOpus).path("input_tokens").asInt()).isEqualTo(expected);
    assertThat(sim.requests().getLast().operation()).isEqualTo(Operation.MESSAGES_COUNT_TOKENS);
  }

  private static ObjectNode body(String model, String text, boolean stream) {
    ObjectNode body = JsonBodies.MAPPER.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", 256);
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    if (stream) {
      body.put("stream", true);
    }
    return body;
  }

  private static HttpRequest.Builder base(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json");
  }

  private static HttpRequest withApiKey(String path, ObjectNode body) {
    return base(path).header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY)
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
  }

  private static HttpRequest signed(String pathAndQuery, byte[] body, String service) {
    URI uri = URI.create(sim.baseUrl() + pathAndQuery);
    SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
        .putHeader("Content-Type", "application/json").putHeader("anthropic-version", "2023-06-01").build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsBasicCredentials.create(SimulatorConfig.DEFAULT_ACCESS_KEY_ID,
            SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY))
        .request(unsigned).payload(() -> new ByteArrayInputStream(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, SimulatorConfig.DEFAULT_REGION));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signed.request().forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        values.forEach(value -> request.header(name, value));
      }
    });
    return request.build();
  }

  /** Server-sent events as {type, data} pairs. */
  private static List<String[]> sse(byte[] bytes) {
    List<String[]> events = new ArrayList<>();
    for (String block : new String(bytes, StandardCharsets.UTF_8).split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String[] lines = block.split("\n");
      assertThat(lines).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      events.add(new String[] {lines[0].substring(7), lines[1].substring(6)});
    }
    return events;
  }

  private static JsonNode json(String text) {
    try {
      return JsonBodies.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
