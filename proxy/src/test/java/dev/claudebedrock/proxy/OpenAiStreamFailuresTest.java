package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.Blackhole;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI front door's streams get the protections of {@code /v1}: a stream Bedrock keeps waiting is committed
 * after {@code streaming.commit_after_ms} and kept alive with {@code : ping} comment lines (which SSE readers, the
 * official OpenAI SDKs included, skip), retries and failover go on behind them, and a failure after the commit, a
 * first-byte timeout included, ends the stream with an error chunk in the OpenAI shape and no {@code [DONE]}, which
 * the SDK raises. Over real sockets, against the simulator's scripted faults and a Bedrock that never answers.
 */
class OpenAiStreamFailuresTest {
  private static final String CHAT = "/openai/v1/chat/completions";
  private static final Map<String, String> FAST_CLOCKS = Map.of(
      "BEDROCK_PROXY_STREAMING_COMMIT_AFTER_MS", "300",
      "BEDROCK_PROXY_STREAMING_PING_INTERVAL_MS", "200",
      "BEDROCK_PROXY_UPSTREAM_STREAM_FIRST_BYTE_TIMEOUT_MS", "4000",
      "BEDROCK_PROXY_UPSTREAM_STREAM_IDLE_TIMEOUT_MS", "1000",
      "BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "1");
  private static GatewayHarness harness;
  private static OpenAIClient sdk;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("", FAST_CLOCKS);
    sdk = sdk(harness);
  }

  @AfterAll
  static void stop() {
    sdk.close();
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.faults().clear();
  }

  @Test
  void aSlowBedrocksStreamIsCommittedWithPingCommentsAndThenServedWhole() {
    harness.sim.faults().script(FaultScript.delay(Duration.ofMillis(1200)));
    Wire wire = Wire.of(harness.send(chat(harness, "slow but sure")));

    assertThat(wire.status).isEqualTo(200);
    assertThat(wire.lines.get(0)).as("the 200 and a ping before Bedrock's first byte").isEqualTo(": ping");
    assertThat(wire.pings()).isGreaterThanOrEqualTo(2);
    assertThat(wire.data).endsWith("[DONE]");
    assertThat(wire.text()).isEqualTo("slow but sure");
  }

  @Test
  void theOpenAiSdkReadsThroughThePingsOfASlowBedrock() {
    harness.sim.faults().script(FaultScript.delay(Duration.ofMillis(1200)));
    StringBuilder text = new StringBuilder();

    try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params("read past "
        + "pings"))) {
      stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
    }
    assertThat(text.toString()).isEqualTo("read past pings");
  }

  @Test
  void aDropAfterTheFirstChunksEndsWithAnErrorChunkAndNoDone() {
    harness.sim.faults().script(FaultScript.dropConnection(3));
    Wire wire = Wire.of(harness.send(chat(harness, "one two three four five six seven eight")));

    assertThat(wire.status).isEqualTo(200);
    assertThat(wire.data).doesNotContain("[DONE]");
    JsonNode error = wire.lastError();
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(error.get("code").asText()).isEqualTo("server_error");
    assertThat(error.get("message").asText()).doesNotContain("127.0.0.1");
  }

  @Test
  void theOpenAiSdkRaisesADropAfterTheChunksBeforeIt() {
    harness.sim.faults().script(FaultScript.dropConnection(3));
    StringBuilder seen = new StringBuilder();

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params("one two "
          + "three four five six seven eight"))) {
        stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(seen::append)));
      }
    }).isInstanceOfSatisfying(SseException.class, e -> assertThat(e.type()).contains("server_error"));
    assertThat(seen.toString()).as("a partial answer, then the error: never a stream that looks complete")
        .isNotEmpty().isNotEqualTo("one two three four five six seven eight");
  }

  @Test
  void aStallAfterTheHeadersGetsPingsThenATimeoutChunk() {
    harness.sim.faults().script(FaultScript.stall(0, Duration.ofSeconds(10)));
    Wire wire = Wire.of(harness.send(chat(harness, "stalled")));

    assertThat(wire.status).isEqualTo(200);
    assertThat(wire.pings()).isGreaterThanOrEqualTo(1);
    assertThat(wire.data).doesNotContain("[DONE]");
    JsonNode error = wire.lastError();
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(error.get("code").asText()).isEqualTo("timeout");
    assertThat(error.get("message").asText()).contains("1000 ms");
  }

  @Test
  void aStallAfterTheFirstChunksEndsWithATimeoutChunk() {
    harness.sim.faults().script(FaultScript.stall(3, Duration.ofSeconds(10)));
    Wire wire = Wire.of(harness.send(chat(harness, "one two three four five six seven eight")));

    assertThat(wire.status).isEqualTo(200);
    assertThat(wire.text()).isNotEmpty().isNotEqualTo("one two three four five six seven eight");
    assertThat(wire.data).doesNotContain("[DONE]");
    assertThat(wire.lastError().get("code").asText()).isEqualTo("timeout");
  }

  @Test
  void aSilentBedrockCostsTheStreamFirstByteTimeoutBehindPingsAndTheSdkRaisesIt() throws Exception {
    Map<String, String> env = new HashMap<>(FAST_CLOCKS);
    env.put("BEDROCK_PROXY_UPSTREAM_STREAM_FIRST_BYTE_TIMEOUT_MS", "1500");
    try (Blackhole blackhole = new Blackhole()) {
      env.put("BEDROCK_ENDPOINT", blackhole.url());
      try (GatewayHarness silent = GatewayHarness.start("", env)) {
        OpenAIClient client = sdk(silent);
        Wire wire = Wire.of(silent.send(chat(silent, "anyone there?")));

        assertThat(wire.status).isEqualTo(200);
        assertThat(wire.pings()).as("pings while Bedrock is silent").isGreaterThanOrEqualTo(3);
        assertThat(wire.data).doesNotContain("[DONE]").hasSize(1);
        JsonNode error = wire.lastError();
        assertThat(error.get("code").asText()).isEqualTo("timeout");
        assertThat(error.get("message").asText()).contains("1500 ms").doesNotContain("127.0.0.1");

        assertThatThrownBy(() -> {
          try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
              params("anyone there?"))) {
            stream.stream().forEach(chunk -> {});
          }
        }).isInstanceOfSatisfying(SseException.class, e -> assertThat(e.getMessage()).contains("1500 ms"));
        client.close();
      }
    }
  }

  @Test
  void failsOverBehindThePingsWhenAnotherTargetCanServe() throws Exception {
    Map<String, String> env = new HashMap<>(FAST_CLOCKS);
    env.put("BEDROCK_PROXY_UPSTREAM_STREAM_FIRST_BYTE_TIMEOUT_MS", "1500");
    env.put("BEDROCK_PROXY_RETRY_MAX_ATTEMPTS", "2");
    try (Blackhole blackhole = new Blackhole();
        BedrockSimulator eu = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0)
            .region("eu-west-1").build())) {
      env.put("BEDROCK_ENDPOINT", blackhole.url());
      try (GatewayHarness twoTargets = GatewayHarness.start("""
          targets:
            eu: {region: eu-west-1, endpoint: %s}
          routes:
            opus: {models: [claude-opus-5-5], targets: [{target: default}, {target: eu}]}
          """.formatted(eu.baseUrl()), env)) {
        Wire wire = Wire.of(twoTargets.send(HttpRequest.newBuilder(URI.create(twoTargets.url() + CHAT))
            .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
            .header("authorization", "Bearer " + GatewayHarness.TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-opus-5-5\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"who serves\"}]}"))
            .build()));

        assertThat(wire.status).isEqualTo(200);
        assertThat(wire.lines.get(0)).isEqualTo(": ping");
        assertThat(wire.data).endsWith("[DONE]");
        assertThat(wire.text()).isEqualTo("who serves");
        assertThat(blackhole.accepted()).isEqualTo(1);
        assertThat(eu.requests()).hasSize(1);
      }
    }
  }

  private static OpenAIClient sdk(GatewayHarness gateway) {
    return OpenAIOkHttpClient.builder().baseUrl(gateway.url() + "/openai/v1").apiKey(GatewayHarness.TOKEN)
        .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
  }

  private static ChatCompletionCreateParams params(String text) {
    return ChatCompletionCreateParams.builder().model("claude-sonnet-4-5").addUserMessage(text).build();
  }

  private static HttpRequest chat(GatewayHarness gateway, String text) {
    return HttpRequest.newBuilder(URI.create(gateway.url() + CHAT)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").header("authorization", "Bearer " + GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"))
        .build();
  }

  /** A chat stream as it came over the wire: its non-blank lines and its {@code data:} payloads. */
  private record Wire(int status, List<String> lines, List<String> data) {
    static Wire of(HttpResponse<String> response) {
      List<String> lines = new ArrayList<>();
      List<String> data = new ArrayList<>();
      for (String line : response.body().split("\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
        if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
      return new Wire(response.statusCode(), lines, data);
    }

    long pings() {
      return lines.stream().filter(": ping"::equals).count();
    }

    /** The text of the content deltas, joined. */
    String text() {
      StringBuilder text = new StringBuilder();
      data.stream().filter(d -> !d.equals("[DONE]"))
          .forEach(d -> text.append(json(d).at("/choices/0/delta/content").asText("")));
      return text.toString();
    }

    JsonNode lastError() {
      JsonNode last = json(data.get(data.size() - 1));
      assertThat(last.has("error")).as("the last chunk is an error: %s", data).isTrue();
      return last.get("error");
    }
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
