package dev.claudebedrock.sim.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.SdkClients;
import dev.claudebedrock.sim.testing.TestSims;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** What the simulator records of each request, and what it keeps out of the record. */
class RecordingTest {

  @Test
  void recordsASignedRequestWithoutItsSecrets() {
    try (BedrockSimulator sim = BedrockSimulator.start(TestSims.config().sessionToken("session-token-secret").build());
        BedrockRuntimeClient client = SdkClients.runtime(sim,
            StaticCredentialsProvider.create(AwsSessionCredentials.create(
                SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY,
                "session-token-secret")))) {
      String body = Bodies.invoke("record me").toString();
      client.invokeModel(r -> r.modelId("us.anthropic.claude-haiku-4-5-20251001-v1:0").contentType("application/json")
          .body(SdkBytes.fromUtf8String(body)));

      RecordedRequest recorded = sim.requests().getFirst();
      assertThat(recorded.method()).isEqualTo("POST");
      assertThat(recorded.operation()).isEqualTo(Operation.INVOKE_MODEL);
      assertThat(recorded.modelId()).isEqualTo("us.anthropic.claude-haiku-4-5-20251001-v1:0");
      assertThat(recorded.bodyText()).isEqualTo(body);
      assertThat(recorded.bodyJson().path("max_tokens").asInt()).isEqualTo(256);
      assertThat(recorded.status()).isEqualTo(200);
      assertThat(recorded.completed()).isTrue();
      assertThat(recorded.requestId()).hasSize(36);
      assertThat(recorded.header("Authorization"))
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDSIMULATOREXAMPLE/")
          .contains("/us-east-1/bedrock/aws4_request", "SignedHeaders=")
          .doesNotContain("Signature");
      assertThat(recorded.header("x-amz-security-token")).isEqualTo("<redacted>");
      assertThat(recorded.headers().toString()).doesNotContain("session-token-secret",
          SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
      assertThat(recorded.headers()).containsKey("x-amz-date")
          .allSatisfy((name, values) -> assertThat(name).isLowerCase());
    }
  }

  @Test
  void recordsTheRawQueryAndRefusedRequestsToo() {
    try (BedrockSimulator sim = TestSims.start()) {
      RawHttp.send(RawHttp.request(sim, "/inference-profiles?type=SYSTEM_DEFINED&maxResults=2").GET().build());
      RawHttp.send(HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/inference-profiles")).GET().build());

      List<RecordedRequest> recorded = sim.requests();
      assertThat(recorded).extracting(RecordedRequest::rawQuery).containsExactly("type=SYSTEM_DEFINED&maxResults=2",
          "");
      assertThat(recorded).extracting(RecordedRequest::status).containsExactly(200, 403);
      assertThat(recorded).extracting(RecordedRequest::operation).containsOnly(Operation.LIST_INFERENCE_PROFILES);
      assertThat(recorded.get(0).sequence()).isLessThan(recorded.get(1).sequence());
    }
  }

  @Test
  void waitsForRequestsToArrive() throws Exception {
    try (BedrockSimulator sim = TestSims.start()) {
      CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
        sleep(200);
        RawHttp.postJson(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke", Bodies.invoke("1"));
        RawHttp.postJson(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke", Bodies.invoke("2"));
      });

      assertThat(sim.awaitRequests(2, Duration.ofSeconds(10))).hasSize(2);
      later.get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> sim.awaitRequests(3, Duration.ofMillis(100)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected 3 requests");
      sim.clearRequests();
      assertThatThrownBy(() -> sim.awaitRequests(1, Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void keepsOnlyTheMostRecentRequestsUpToTheLimit() {
    try (BedrockSimulator sim = BedrockSimulator.start(TestSims.config().recordLimit(2).build());
        BedrockSimulator none = BedrockSimulator.start(TestSims.config().recordLimit(0).build())) {
      for (String text : List.of("a", "b", "c")) {
        RawHttp.postJson(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke", Bodies.invoke(text));
        RawHttp.postJson(none, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke", Bodies.invoke(text));
      }

      assertThat(sim.requests()).extracting(r -> r.bodyJson().path("messages").get(0).path("content").asText())
          .containsExactly("b", "c");
      assertThat(none.requests()).isEmpty();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
