package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.bedrock.backends.BedrockBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.TcpTap;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/** Bedrock clients (the AWS SDK, the Anthropic SDK's Bedrock backend) through {@code /bedrock}: signed by the gateway. */
class BedrockPassthroughTest {
  static final String HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
  /** How the AWS SDK for Java writes that id in a path: it percent-encodes the colon. */
  static final String HAIKU_AS_JAVA_SDK_SENDS_IT = "us.anthropic.claude-haiku-4-5-20251001-v1%3A0";
  static final StaticCredentialsProvider CLIENT_CREDENTIALS = StaticCredentialsProvider.create(
      AwsBasicCredentials.create("AKIDCLIENTONLYEXAMPLE", "client-secret-the-gateway-replaces"));

  private static GatewayHarness harness;
  private static BedrockRuntimeClient runtime;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start();
    runtime = BedrockRuntimeClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create(harness.url() + "/bedrock"))
        .credentialsProvider(CLIENT_CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.putHeader("x-api-key", GatewayHarness.TOKEN).retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  @AfterAll
  static void stop() {
    runtime.close();
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.clearRequests();
    harness.sim.faults().clear();
    harness.sim.timing(Duration.ZERO, 0);
  }

  @Test
  void invokesWithTheGatewaysSignatureInsteadOfTheClients() {
    InvokeModelResponse response = runtime.invokeModel(r -> r.modelId(HAIKU).contentType("application/json")
        .accept("application/json").body(SdkBytes.fromUtf8String(invokeBody("Hello via the pass-through"))));

    JsonNode message = json(response.body().asUtf8String());
    assertThat(message.get("id").asText()).startsWith("msg_bdrk_");
    assertThat(message.get("content").get(0).get("text").asText()).contains("Hello via the pass-through");
    RecordedRequest upstream = harness.sim.requests().get(0);
    assertThat(upstream.rawPath()).as("the path exactly as the client encoded it")
        .isEqualTo("/model/" + HAIKU_AS_JAVA_SDK_SENDS_IT + "/invoke");
    assertThat(upstream.header("authorization")).contains("Credential=AKIDSIMULATOREXAMPLE/")
        .doesNotContain("AKIDCLIENTONLYEXAMPLE");
    assertThat(upstream.header("x-api-key")).isNull();
    assertThat(upstream.bodyText()).isEqualTo(invokeBody("Hello via the pass-through"));
  }

  @Test
  void streamsEveryFrameByteForByte() throws Exception {
    try (TcpTap tap = new TcpTap(harness.sim.port());
        GatewayHarness tapped = GatewayHarness.start("",
            Map.of("BEDROCK_ENDPOINT", "http://127.0.0.1:" + tap.port()))) {
      HttpResponse<byte[]> response = tapped.send(HttpRequest.newBuilder(
          URI.create(tapped.url() + "/bedrock/model/" + HAIKU + "/invoke-with-response-stream"))
          .header("authorization", "Bearer " + GatewayHarness.TOKEN).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(invokeBody("Frames [[sim:tokens=12]]"))).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
      assertThat(response.headers().firstValue("x-amzn-requestid")).isPresent();
      assertThat(response.headers().firstValue("x-amzn-bedrock-content-type")).hasValue("application/json");
      assertThat(tap.responses()).hasSize(1);
      assertThat(response.body()).isEqualTo(TcpTap.chunkedBody(tap.responses().get(0))).hasSizeGreaterThan(1_000);
    }
  }

  @Test
  void streamsToTheAwsSdkWhichParsesEveryEvent() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try (BedrockRuntimeAsyncClient async = BedrockRuntimeAsyncClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create(harness.url() + "/bedrock")).credentialsProvider(CLIENT_CREDENTIALS)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
        .overrideConfiguration(o -> o.putHeader("x-api-key", GatewayHarness.TOKEN)).build()) {
      async.invokeModelWithResponseStream(r -> r.modelId(HAIKU).contentType("application/json")
          .body(SdkBytes.fromUtf8String(invokeBody("Stream [[sim:tokens=6]]"))),
          InvokeModelWithResponseStreamResponseHandler.builder()
              .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                  .onChunk(chunk -> events.add(json(chunk.bytes().asUtf8String()).get("type").asText())).build())
              .build())
          .get(30, TimeUnit.SECONDS);
    }
    assertThat(events).startsWith("message_start", "content_block_start").endsWith("message_delta", "message_stop");
    assertThat(events.stream().filter(e -> e.equals("content_block_delta")).count()).isEqualTo(6);
  }

  @Test
  void countsTokensThroughTheSdk() {
    int tokens = runtime.countTokens(r -> r.modelId("anthropic.claude-haiku-4-5-20251001-v1:0")
        .input(CountTokensInput.fromInvokeModel(InvokeModelTokensRequest.builder()
            .body(SdkBytes.fromUtf8String(invokeBody("Count these"))).build())))
        .inputTokens();
    assertThat(tokens).isPositive();
    assertThat(harness.sim.requests().get(0).rawPath())
        .isEqualTo("/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/count-tokens");
  }

  @Test
  void keepsAnArnPathExactlyAsEachClientEncodedIt() {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/" + HAIKU;
    runtime.invokeModel(
        r -> r.modelId(arn).contentType("application/json").body(SdkBytes.fromUtf8String(invokeBody("SDK"))));
    assertThat(harness.sim.requests().get(0).rawPath()).isEqualTo(
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F" + HAIKU_AS_JAVA_SDK_SENDS_IT
            + "/invoke");

    String claudeCodeStyle = "/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile%2F" + HAIKU + "/invoke";
    HttpResponse<String> response = harness.post("/bedrock" + claudeCodeStyle, invokeBody("raw colon"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(harness.sim.requests().get(1).rawPath()).isEqualTo(claudeCodeStyle);
  }

  @ParameterizedTest
  @EnumSource(value = ErrorType.class, names = {"VALIDATION", "ACCESS_DENIED", "RESOURCE_NOT_FOUND", "THROTTLING",
      "SERVICE_QUOTA_EXCEEDED", "MODEL_NOT_READY", "MODEL_TIMEOUT", "MODEL_ERROR", "INTERNAL_SERVER",
      "SERVICE_UNAVAILABLE", "UNRECOGNIZED_CLIENT"})
  void passesEveryBedrockErrorThroughUntouched(ErrorType type) {
    harness.sim.faults().script(FaultScript.httpError(type, "as Bedrock said it"));
    HttpResponse<String> direct = harness.send(HttpRequest.newBuilder(
        URI.create(harness.sim.baseUrl() + "/model/" + HAIKU + "/invoke"))
        .header("authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(invokeBody("fail"))).build());
    harness.sim.faults().script(FaultScript.httpError(type, "as Bedrock said it"));
    HttpResponse<String> relayed = harness.post("/bedrock/model/" + HAIKU + "/invoke", invokeBody("fail"));

    assertThat(relayed.statusCode()).isEqualTo(type.status()).isEqualTo(direct.statusCode());
    assertThat(relayed.body()).isEqualTo(direct.body());
    assertThat(relayed.headers().firstValue("x-amzn-errortype"))
        .isEqualTo(direct.headers().firstValue("x-amzn-errortype"))
        .hasValueSatisfying(v -> assertThat(v).startsWith(type.wireName() + ":"));
    assertThat(relayed.headers().firstValue("content-type")).isEqualTo(direct.headers().firstValue("content-type"));
  }

  @Test
  void raisesTheSdksTypedExceptions() {
    harness.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
    assertThatThrownBy(() -> runtime.invokeModel(r -> r.modelId(HAIKU).body(SdkBytes.fromUtf8String(invokeBody("x")))))
        .isInstanceOf(ThrottlingException.class);
  }

  @Test
  void listsInferenceProfilesFromTheControlPlane() {
    try (BedrockClient control = BedrockClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create(harness.url() + "/bedrock")).credentialsProvider(CLIENT_CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.putHeader("x-api-key", GatewayHarness.TOKEN)).build()) {
      List<String> ids = control.listInferenceProfiles(r -> r.typeEquals(InferenceProfileType.SYSTEM_DEFINED))
          .inferenceProfileSummaries().stream().map(InferenceProfileSummary::inferenceProfileId).toList();
      assertThat(ids).contains(HAIKU);
      assertThat(control.getInferenceProfile(r -> r.inferenceProfileIdentifier(HAIKU)).status().toString())
          .isEqualTo("ACTIVE");
      assertThat(harness.sim.requests()).extracting(RecordedRequest::rawPath)
          .contains("/inference-profiles", "/inference-profiles/" + HAIKU_AS_JAVA_SDK_SENDS_IT);
    }
  }

  @Test
  void servesTheAnthropicSdksBedrockBackendWithAGatewayToken() {
    AnthropicClient client = AnthropicOkHttpClient.builder().backend(BedrockBackend.builder()
        .apiKey(GatewayHarness.TOKEN).region(Region.US_EAST_1).baseUrl(harness.url() + "/bedrock").build())
        .maxRetries(0).build();
    MessageCreateParams params = MessageCreateParams.builder().model(HAIKU).maxTokens(64)
        .addUserMessage("Bedrock backend [[sim:tokens=4]]").build();

    Message message = client.messages().create(params);
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    assertThat(message.content().get(0).text().orElseThrow().text()).isNotBlank();
    assertThat(accumulator.message().content()).isEqualTo(message.content());
    assertThat(harness.sim.requests()).extracting(RecordedRequest::rawPath).containsExactly(
        "/model/" + HAIKU + "/invoke", "/model/" + HAIKU + "/invoke-with-response-stream");
    client.close();
  }

  @Test
  void filtersBetasBedrockRefusesAndForwardsCleanBodiesUnchanged() {
    String clean = invokeBody("clean").replace("{\"anthropic_version\"",
        "{\"anthropic_beta\":[\"interleaved-thinking-2025-05-14\"],\"anthropic_version\"");
    assertThat(harness.post("/bedrock/model/" + HAIKU + "/invoke", clean).statusCode()).isEqualTo(200);
    assertThat(harness.sim.requests().get(0).bodyText()).isEqualTo(clean);

    String refused = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":32,"
        + "\"anthropic_beta\":[\"claude-code-20250219\",\"interleaved-thinking-2025-05-14\",\"context-management-2025-06-27\"],"
        + "\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\"}]},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"filtered\"}]}";
    assertThat(harness.post("/bedrock/model/" + HAIKU + "/invoke-with-response-stream", refused).statusCode())
        .isEqualTo(200);
    JsonNode sent = harness.sim.requests().get(1).bodyJson();
    assertThat(sent.get("anthropic_beta").toString()).isEqualTo("[\"interleaved-thinking-2025-05-14\"]");
    assertThat(sent.has("context_management")).isFalse();
  }

  @Test
  void refusesADuplicateKeyThatCouldSmuggleABetaPastThePolicy() {
    String smuggling = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":32,"
        + "\"anthropic_beta\":[\"interleaved-thinking-2025-05-14\"],\"anthropic_beta\":[\"claude-code-20250219\"],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"twice\"}]}";
    HttpResponse<String> response = harness.post("/bedrock/model/" + HAIKU + "/invoke", smuggling);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(
        v -> assertThat(v).startsWith("ValidationException:"));
    assertThat(response.body()).contains("Duplicate field 'anthropic_beta'");
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void cancelsTheUpstreamStreamWhenTheClientLeaves() throws Exception {
    harness.sim.timing(Duration.ZERO, 10);
    HttpResponse<InputStream> response = harness.http().send(HttpRequest.newBuilder(
        URI.create(harness.url() + "/bedrock/model/" + HAIKU + "/invoke-with-response-stream"))
        .header("x-api-key", GatewayHarness.TOKEN).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(invokeBody("long [[sim:tokens=300]]"))).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.body().readNBytes(200)).hasSize(200);
    response.body().close();
    assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10)).rawPath()).endsWith("/invoke-with-response-stream");
  }

  @Test
  void refusesClientsWithoutAGatewayCredentialInAShapeAwsSdksRead() {
    HttpResponse<String> response = harness.send(HttpRequest.newBuilder(
        URI.create(harness.url() + "/bedrock/model/" + HAIKU + "/invoke"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(invokeBody("x"))).build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(
        v -> assertThat(v).startsWith("UnrecognizedClientException:"));
    JsonNode body = json(response.body());
    assertThat(body.get("message").asText()).contains("Missing credentials");
    assertThat(body.get("error").get("type").asText()).isEqualTo("authentication_error");
    assertThat(harness.sim.requests()).isEmpty();

    try (BedrockRuntimeClient anonymous = BedrockRuntimeClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create(harness.url() + "/bedrock")).credentialsProvider(CLIENT_CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThatThrownBy(
          () -> anonymous.invokeModel(r -> r.modelId(HAIKU).body(SdkBytes.fromUtf8String(invokeBody("x")))))
          .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }
  }

  @Test
  void reportsTokenUsageReadFromTheFramesInMetrics() throws Exception {
    try (GatewayHarness own = GatewayHarness.start()) {
      own.send(
          HttpRequest.newBuilder(URI.create(own.url() + "/bedrock/model/" + HAIKU + "/invoke-with-response-stream"))
              .header("x-api-key", GatewayHarness.TOKEN).header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(invokeBody("usage [[sim:tokens=9]]"))).build());
      own.post("/bedrock/model/" + HAIKU + "/invoke", invokeBody("usage [[sim:tokens=5]]"));
      String metrics = own.get("/metrics", false).body();
      assertThat(
          MetricsTest.value(metrics, "gateway_tokens_total{model=\"" + HAIKU + "\",team=\"none\",type=\"output\"}"))
          .isEqualTo(14);
      assertThat(MetricsTest.value(metrics, "http_requests_total{method=\"POST\",route=\"bedrock\",status=\"200\"}"))
          .isEqualTo(2);
    }
  }

  static String invokeBody(String text) {
    return "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":128,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
