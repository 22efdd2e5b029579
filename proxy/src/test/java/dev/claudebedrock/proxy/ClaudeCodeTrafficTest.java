package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request shaped like Claude Code's own, replayed with its headers: exactly what reaches Bedrock. */
class ClaudeCodeTrafficTest {
  private static final String BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,"
      + "context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,"
      + "thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24";
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void oneTurnIsOneStreamingUpstreamCallWithTheBodyBedrockAccepts() throws Exception {
    harness.sim.clearRequests();
    byte[] body = fixture();
    assertThat(body.length).isGreaterThan(45_000);
    HttpResponse<InputStream> response = harness.http().send(claudeCodeRequest("/v1/messages?beta=true", body),
        HttpResponse.BodyHandlers.ofInputStream());
    List<SseEvents.Event> events = SseEvents.readAll(response.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SseEvents.names(events)).startsWith("message_start").endsWith("message_stop");
    assertThat(harness.sim.requests()).hasSize(1);
    RecordedRequest upstream = harness.sim.requests().get(0);
    assertThat(upstream.rawPath()).isEqualTo("/model/us.anthropic.claude-opus-5-5/invoke-with-response-stream");
    assertThat(upstream.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDSIMULATOREXAMPLE/");
    assertThat(upstream.header("x-api-key")).as("client credentials never go upstream").isNull();
    assertThat(upstream.header("anthropic-beta")).isNull();

    JsonNode sent = upstream.bodyJson();
    ObjectNode original = (ObjectNode) Json.MAPPER.readTree(body);
    assertThat(sent.has("model")).isFalse();
    assertThat(sent.has("stream")).isFalse();
    assertThat(sent.has("context_management")).isFalse();
    assertThat(sent.get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
    assertThat(sent.get("anthropic_beta").toString()).isEqualTo(
        "[\"interleaved-thinking-2025-05-14\",\"thinking-token-count-2026-05-13\",\"tool-search-tool-2025-10-19\","
            + "\"effort-2025-11-24\"]");
    assertThat(sent.get("messages").get(1).get("role").asText()).isEqualTo("system");
    assertThat(sent.get("messages").get(1).has("output_config")).isFalse();
    assertThat(sent.get("messages").get(0)).isEqualTo(original.get("messages").get(0));
    assertThat(sent.get("system")).isEqualTo(original.get("system"));
    assertThat(sent.get("tools")).isEqualTo(original.get("tools"));
    assertThat(sent.get("thinking")).isEqualTo(original.get("thinking"));
    assertThat(sent.get("output_config")).isEqualTo(original.get("output_config"));
    assertThat(sent.get("metadata")).isEqualTo(original.get("metadata"));
    assertThat(sent.get("max_tokens")).isEqualTo(original.get("max_tokens"));
  }

  /**
   * Claude Code's {@code /context} fires 27 count_tokens calls at once for its default model, which
   * Bedrock cannot count: every call gets an estimate, and once Bedrock has refused, no call goes upstream.
   */
  @Test
  void answersTheBurstOfCountTokensCallsOfContext() throws Exception {
    harness.sim.clearRequests();
    String count = "{\"model\":\"claude-opus-5-5\",\"messages\":[{\"role\":\"user\",\"content\":\"foo\"}],"
        + "\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a command\",\"input_schema\":{\"type\":\"object\"}}]}";
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      HttpRequest request = claudeCodeRequest("/v1/messages/count_tokens?beta=true",
          count.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      calls.add(harness.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).matches("\\{\"input_tokens\":\\d+}");
      assertThat(response.headers().firstValue("x-token-count-source")).hasValue("estimate");
    }
    assertThat(harness.sim.requests())
        .allSatisfy(r -> assertThat(r.rawPath()).isEqualTo("/model/anthropic.claude-opus-5-5/count-tokens"));
    int upstreamCalls = harness.sim.requests().size();
    HttpResponse<String> later = harness.http().send(claudeCodeRequest("/v1/messages/count_tokens?beta=true",
        count.getBytes(java.nio.charset.StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
    assertThat(later.headers().firstValue("x-token-count-source")).hasValue("estimate");
    assertThat(harness.sim.requests()).hasSize(upstreamCalls);
  }

  private static HttpRequest claudeCodeRequest(String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(harness.url() + path))
        .header("accept", "application/json")
        .header("authorization", "Bearer " + GatewayHarness.TOKEN)
        .header("content-type", "application/json")
        .header("user-agent", "claude-cli/2.1.332 (external, sdk-cli)")
        .header("x-claude-code-session-id", "dae828e9-b4c9-474d-b627-d798950434bd")
        .header("x-stainless-retry-count", "0")
        .header("x-stainless-timeout", "600")
        .header("anthropic-beta", BETAS)
        .header("anthropic-dangerous-direct-browser-access", "true")
        .header("anthropic-version", "2023-06-01")
        .header("x-app", "cli")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static byte[] fixture() throws Exception {
    try (InputStream in = ClaudeCodeTrafficTest.class
        .getResourceAsStream("/fixtures/claude-code-messages-request.json")) {
      return in.readAllBytes();
    }
  }
}
