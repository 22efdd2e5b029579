package dev.claudebedrock.proxy;

import static dev.claudebedrock.proxy.BedrockPassthroughTest.CLIENT_CREDENTIALS;
import static dev.claudebedrock.proxy.BedrockPassthroughTest.HAIKU;
import static dev.claudebedrock.proxy.BedrockPassthroughTest.invokeBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.proxy.testing.BrokenUpstream;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.faults.FaultScript;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * A stream the upstream breaks never looks complete to the client. On the pass-through, the gateway
 * passes on whole frames only and ends a broken stream with an exception frame, as Bedrock does,
 * which the AWS SDK raises as a typed exception; a stream it cannot end that way (corrupt) gets a
 * reset with a non-zero code over HTTP/2 and a connection closed before the last chunk over
 * HTTP/1.1; a stall before the first frame is a 504. On {@code /v1}, an error event that says what
 * happened.
 */
class StreamFailuresTest {
  private static final String STREAM = "/bedrock/model/" + HAIKU + "/invoke-with-response-stream";
  private static Vertx vertx;
  private static HttpClient h2;

  @BeforeAll
  static void startClient() {
    vertx = Vertx.vertx();
    h2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
  }

  @AfterAll
  static void stopClient() {
    vertx.close().await();
  }

  @Test
  void aDropBetweenFramesEndsTheStreamWithAnInternalServerExceptionFrame() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start("", h2c(GatewayHarness.NO_RETRIES))) {
      harness.sim.faults().script(FaultScript.dropConnection(3));
      H2Answer answer = h2Stream(harness, "drop [[sim:tokens=12]]");

      assertThat(answer.reset()).as("ended normally, after an exception frame").isNull();
      assertThat(answer.status()).isEqualTo(200);
      List<Message> frames = frames(answer.body());
      assertThat(frames).hasSize(4);
      Message last = frames.get(3);
      assertThat(header(last, ":message-type")).isEqualTo("exception");
      assertThat(header(last, ":exception-type")).isEqualTo("internalServerException");
      assertThat(new String(last.getPayload(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("broke in the middle of the stream").doesNotContain("127.0.0.1");

      harness.sim.faults().script(FaultScript.dropConnection(3));
      assertThat(awsSdkOverHttp2(harness)).isInstanceOf(InternalServerException.class);
    }
  }

  @Test
  void aDropInsideAFrameEndsTheStreamAfterTheLastWholeFrameWithAnExceptionFrame() throws Exception {
    try (BrokenUpstream upstream = new BrokenUpstream(BrokenUpstream.Break.CUT_INSIDE_A_FRAME);
        GatewayHarness harness = GatewayHarness.start("", h2c(Map.of("BEDROCK_ENDPOINT", upstream.url())))) {
      H2Answer answer = h2Stream(harness, "cut");

      assertThat(answer.reset()).isNull();
      List<Message> frames = frames(answer.body());
      int whole = BrokenUpstream.wholeFrames().length;
      assertThat(frames).as("the half frame held back, then Bedrock's way of ending a failed stream")
          .hasSize(whole + 1);
      assertThat(header(frames.get(whole), ":exception-type")).isEqualTo("internalServerException");
      assertThat(awsSdkOverHttp2(harness)).isInstanceOf(InternalServerException.class);
    }
  }

  @Test
  void aDropAfterACorruptFrameResetsTheHttp2StreamWithInternalError() throws Exception {
    try (BrokenUpstream upstream = new BrokenUpstream(BrokenUpstream.Break.BAD_CHECKSUM_THEN_CUT);
        GatewayHarness harness = GatewayHarness.start("", h2c(Map.of("BEDROCK_ENDPOINT", upstream.url())))) {
      H2Answer answer = h2Stream(harness, "corrupt, then cut");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.reset()).as("RST_STREAM INTERNAL_ERROR, not NO_ERROR").isNotNull();
      assertThat(answer.reset().getCode()).isEqualTo(0x2);
      assertThatThrownBy(() -> frames(answer.body())).as("the corrupt frame reaches the client as it came")
          .hasMessageContaining("checksum");
      assertThat(awsSdkOverHttp2(harness)).hasMessageContaining("checksum");
    }
  }

  @Test
  void overHttp11ABrokenStreamClosesTheConnectionBeforeTheLastChunk() throws Exception {
    try (BrokenUpstream upstream = new BrokenUpstream(BrokenUpstream.Break.BAD_CHECKSUM_THEN_CUT);
        GatewayHarness harness = GatewayHarness.start("", h2c(Map.of("BEDROCK_ENDPOINT", upstream.url())))) {
      HttpResponse<InputStream> response = harness.http().send(passthroughRequest(harness, "corrupt, then cut"),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aStallBeforeTheFirstFrameIsAnswered504InBedrocksShape() {
    try (GatewayHarness harness = GatewayHarness.start("",
        Map.of("BEDROCK_PROXY_UPSTREAM_STREAM_IDLE_TIMEOUT_MS", "1000", "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1"))) {
      harness.sim.faults().script(FaultScript.stallForever(0));
      HttpResponse<String> response = harness.send(passthroughRequest(harness, "silent"));

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(
          type -> assertThat(type).startsWith("ModelTimeoutException:"));
      assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(response.body()).contains("Bedrock sent nothing for 1000 ms");
      assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10))).isNotNull();
    }
  }

  @Test
  void aStallBetweenFramesEndsWithAModelStreamErrorExceptionFrame() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start("", h2c(Map.of("BEDROCK_PROXY_UPSTREAM_STREAM_IDLE_TIMEOUT_MS",
        "1000", "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1")))) {
      harness.sim.faults().script(FaultScript.stallForever(2));
      H2Answer answer = h2Stream(harness, "stall [[sim:tokens=12]]");

      assertThat(answer.reset()).isNull();
      List<Message> frames = frames(answer.body());
      assertThat(frames).hasSize(3);
      assertThat(header(frames.get(2), ":exception-type")).isEqualTo("modelStreamErrorException");

      harness.sim.faults().script(FaultScript.stallForever(2));
      assertThat(awsSdkOverHttp2(harness)).isInstanceOf(ModelStreamErrorException.class);
    }
  }

  @Test
  void aCorruptFrameOnV1IsReportedAsOneNotAsAReset() throws Exception {
    try (BrokenUpstream upstream = new BrokenUpstream(BrokenUpstream.Break.BAD_CHECKSUM);
        GatewayHarness harness = GatewayHarness.start("", h2c(Map.of("BEDROCK_ENDPOINT", upstream.url())))) {
      HttpResponse<InputStream> response = harness.http().send(HttpRequest.newBuilder(
          URI.create(harness.url() + "/v1/messages")).header("content-type", "application/json")
          .header("x-api-key", GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(true, "corrupt"))).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      List<SseEvents.Event> events = SseEvents.readAll(response.body());

      SseEvents.Event last = events.get(events.size() - 1);
      assertThat(last.name()).isEqualTo("error");
      assertThat(last.data()).contains("corrupt event stream frame").doesNotContain("Reset");
    }
  }

  /** What an HTTP/2 client (prior knowledge, no upgrade) read of a pass-through stream, and how it ended. */
  record H2Answer(int status, Buffer body, StreamResetException reset) {}

  private static H2Answer h2Stream(GatewayHarness harness, String text) throws Exception {
    CompletableFuture<H2Answer> done = new CompletableFuture<>();
    h2.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(harness.gateway.port())
        .setURI(STREAM).addHeader("x-api-key", GatewayHarness.TOKEN).addHeader("content-type", "application/json"))
        .compose(request -> request.send(invokeBody(text)))
        .onFailure(done::completeExceptionally)
        .onSuccess(response -> {
          Buffer body = Buffer.buffer();
          response.handler(body::appendBuffer);
          response.exceptionHandler(failure -> done.complete(new H2Answer(response.statusCode(), body,
              failure instanceof StreamResetException reset ? reset : null)));
          response.endHandler(v -> done.complete(new H2Answer(response.statusCode(), body, null)));
        });
    return done.get(30, TimeUnit.SECONDS);
  }

  /** The error the AWS SDK for Java's async client, over HTTP/2, raises for a stream; null when it ended well. */
  private static Throwable awsSdkOverHttp2(GatewayHarness harness) throws Exception {
    List<String> chunks = Collections.synchronizedList(new ArrayList<>());
    try (BedrockRuntimeAsyncClient async = BedrockRuntimeAsyncClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create(harness.url() + "/bedrock")).credentialsProvider(CLIENT_CREDENTIALS)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
        .overrideConfiguration(o -> o.putHeader("x-api-key", GatewayHarness.TOKEN)
            .retryStrategy(r -> r.maxAttempts(1)))
        .build()) {
      async.invokeModelWithResponseStream(r -> r.modelId(HAIKU).contentType("application/json")
          .body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(invokeBody("sdk [[sim:tokens=12]]"))),
          InvokeModelWithResponseStreamResponseHandler.builder()
              .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                  .onChunk(chunk -> chunks.add(chunk.bytes().asUtf8String())).build())
              .build())
          .get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      assertThat(chunks).as("the events before the failure arrived").isNotEmpty();
      return e.getCause();
    }
  }

  /** The gateway's configuration with HTTP/2 over cleartext on (server.h2c), which the HTTP/2 clients here speak. */
  private static Map<String, String> h2c(Map<String, String> env) {
    Map<String, String> withH2c = new java.util.HashMap<>(env);
    withH2c.put("BEDROCK_PROXY_SERVER_H2C", "true");
    return withH2c;
  }

  private static HttpRequest passthroughRequest(GatewayHarness harness, String text) {
    return HttpRequest.newBuilder(URI.create(harness.url() + STREAM)).timeout(Duration.ofSeconds(30))
        .header("x-api-key", GatewayHarness.TOKEN).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(invokeBody(text))).build();
  }

  private static List<Message> frames(Buffer body) {
    List<Message> frames = new ArrayList<>();
    new MessageDecoder(frames::add).feed(body.getBytes());
    return frames;
  }

  private static String header(Message frame, String name) {
    return frame.getHeaders().get(name).getString();
  }
}
