package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the gateway reaches Bedrock: credentials, API keys, timeouts, back-pressure. */
class UpstreamTest {

  @Test
  void signsWithSigV4AndTheSimulatorVerifiesIt() {
    try (GatewayHarness harness = GatewayHarness.start()) {
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "signed")).statusCode()).isEqualTo(200);
      assertThat(harness.sim.requests().get(0).header("authorization"))
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDSIMULATOREXAMPLE/").contains("/us-east-1/bedrock/aws4_request");
      assertThat(harness.sim.requests().get(0).header("x-amz-content-sha256")).hasSize(64);
    }
  }

  @Test
  void reportsWrongAwsCredentialsAsAGatewayProblem() {
    try (GatewayHarness harness = GatewayHarness.start("", Map.of("AWS_SECRET_ACCESS_KEY", "not-the-right-secret"))) {
      HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "bad signature"));
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("permission_error").contains("gateway configuration problem")
          .doesNotContain("not-the-right-secret");
      assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
    }
  }

  @Test
  void usesABedrockApiKeyInsteadOfSigningWhenGivenOne() {
    try (GatewayHarness harness = GatewayHarness.start("", Map.of(
        "AWS_BEARER_TOKEN_BEDROCK", SimulatorConfig.DEFAULT_API_KEY, "AWS_SECRET_ACCESS_KEY", "unused-wrong-secret"))) {
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "with a key")).statusCode()).isEqualTo(200);
      assertThat(harness.sim.requests().get(0).header("authorization")).startsWith("Bearer ")
          .doesNotContain(SimulatorConfig.DEFAULT_API_KEY);
    }
  }

  @Test
  void givesUpWhenBedrockSendsNoHeadersInTime() {
    try (
        GatewayHarness harness = GatewayHarness.start("", Map.of("BEDROCK_PROXY_UPSTREAM_FIRST_BYTE_TIMEOUT_MS", "1000",
            "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1"))) {
      harness.sim.faults().script(FaultScript.delay(Duration.ofSeconds(5)));
      HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "slow"));
      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.body()).contains("timeout_error").contains("1000 ms");
      assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10))).isNotNull();
    }
  }

  @Test
  void endsAStreamThatFallsSilentForTooLong() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start("", Map.of(
        "BEDROCK_PROXY_UPSTREAM_STREAM_IDLE_TIMEOUT_MS", "1000", "BEDROCK_PROXY_STREAMING_PING_INTERVAL_MS", "200"))) {
      harness.sim.faults().script(FaultScript.stallForever(3));
      HttpResponse<InputStream> response = harness.http().send(streamRequest(harness, "Stall [[sim:tokens=5]]"),
          HttpResponse.BodyHandlers.ofInputStream());
      List<SseEvents.Event> events = SseEvents.readAll(response.body());
      assertThat(SseEvents.names(events)).contains("ping");
      assertThat(events.get(events.size() - 1).name()).isEqualTo("error");
      assertThat(events.get(events.size() - 1).data()).contains("timeout_error");
      assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10))).isNotNull();
    }
  }

  @Test
  void holdsTheUpstreamBackWhileTheClientReadsSlowlyAndLosesNothing() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start()) {
      HttpRequest big = HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
          .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers
              .ofString("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":32000,\"stream\":true,"
                  + "\"messages\":[{\"role\":\"user\",\"content\":\"Big [[sim:tokens=20000]]\"}]}"))
          .build();
      HttpResponse<InputStream> response = harness.http().send(big, HttpResponse.BodyHandlers.ofInputStream());
      Thread.sleep(1_500);
      List<SseEvents.Event> events = SseEvents.readAll(response.body());
      assertThat(events.stream().filter(e -> e.name().equals("content_block_delta")).count()).isEqualTo(20_000);
      assertThat(SseEvents.names(events)).endsWith("message_stop");
    }
  }

  @Test
  void multiplexesStreamsOverHttp2WhenAskedAndStillCancelsThemOneByOne() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start("", Map.of("BEDROCK_PROXY_UPSTREAM_HTTP_VERSION", "2"))) {
      List<SseEvents.Event> events = SseEvents
          .readAll(harness.http().send(streamRequest(harness, "h2 [[sim:tokens=4]]"),
              HttpResponse.BodyHandlers.ofInputStream()).body());
      assertThat(SseEvents.names(events)).endsWith("message_stop");
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "json over h2")).statusCode()).isEqualTo(200);

      harness.sim.timing(Duration.ZERO, 10);
      HttpResponse<InputStream> slow = harness.http().send(streamRequest(harness, "long [[sim:tokens=200]]"),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(SseEvents.read(slow.body(), 3)).hasSize(3);
      slow.body().close();
      assertThat(harness.sim.awaitCancelled(Duration.ofSeconds(10)).rawPath()).endsWith("/invoke-with-response-stream");
    }
  }

  private static HttpRequest streamRequest(GatewayHarness harness, String text) {
    return HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(true, text))).build();
  }
}
