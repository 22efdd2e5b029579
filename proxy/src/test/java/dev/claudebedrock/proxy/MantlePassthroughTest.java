package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /mantle/v1/messages} and {@code count_tokens}: Bedrock's native Messages API passed through, re-signed with
 * the gateway's credentials, to the configured endpoint only, the client's credentials never forwarded.
 */
class MantlePassthroughTest {
  private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
  static final String BODY = "{\"model\":\"" + HAIKU + "\",  \"max_tokens\":64,\"stream\":%s,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"hello through mantle [[sim:tokens=4]]\"}]}";
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).build(), "",
        url -> Map.of("BEDROCK_PROXY_AWS_MANTLE_ENDPOINT", url + "/anthropic"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.clearRequests();
    harness.sim.faults().clear();
  }

  @Test
  void relaysAStreamAsTheApiSentItSignedWithTheGatewaysCredentials() {
    HttpResponse<InputStream> response = harness.send(request("/mantle/v1/messages?beta=true", BODY.formatted("true"))
        .header("anthropic-beta", "claude-code-20250219").build(), HttpResponse.BodyHandlers.ofInputStream());
    List<SseEvents.Event> events = SseEvents.readAll(response.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
    assertThat(SseEvents.names(events)).startsWith("message_start").endsWith("message_stop").doesNotContain("ping");
    assertThat(events.getFirst().data()).contains("\"model\":\"claude-haiku-4-5-20251001\"");
    RecordedRequest sent = harness.sim.requests().getLast();
    assertThat(sent.operation()).isEqualTo(Operation.MESSAGES);
    assertThat(sent.rawPath()).isEqualTo("/anthropic/v1/messages");
    assertThat(sent.rawQuery()).isEmpty();
    assertThat(sent.bodyText()).isEqualTo(BODY.formatted("true"));
    assertThat(sent.header("authorization")).contains("/bedrock-mantle/aws4_request")
        .doesNotContain(GatewayHarness.TOKEN);
    assertThat(sent.header("x-api-key")).isNull();
    assertThat(sent.header("anthropic-beta")).isEqualTo("claude-code-20250219");
  }

  @Test
  void servesTheOfficialSdkPointedAtIt() {
    AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(harness.url() + "/mantle")
        .apiKey(GatewayHarness.TOKEN).maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    try {
      Message message = client.messages().create(MessageCreateParams.builder().model(HAIKU).maxTokens(64)
          .addUserMessage("hello from the SDK").build());

      assertThat(message.model().asString()).isEqualTo("claude-haiku-4-5-20251001");
      assertThat(message.content()).isNotEmpty();
    } finally {
      client.close();
    }
    assertThat(harness.sim.requests().getLast().header("x-api-key")).isNull();
  }

  @Test
  void countsTokensOnTheApisOwnEndpoint() {
    String body = "{\"model\":\"anthropic.claude-opus-5-5\",\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}";

    HttpResponse<String> response = harness.send(request("/mantle/v1/messages/count_tokens", body).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"input_tokens\":");
    assertThat(harness.sim.requests().getLast().operation()).isEqualTo(Operation.MESSAGES_COUNT_TOKENS);
  }

  @Test
  void passesTheApisErrorsThroughUntouched() {
    harness.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));

    HttpResponse<String> response = harness.send(request("/mantle/v1/messages", BODY.formatted("false")).build());

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.body()).contains("\"type\":\"rate_limit_error\"");
    assertThat(response.headers().firstValue("x-amzn-ErrorType").orElseThrow()).startsWith("ThrottlingException");
  }

  @Test
  void servesOnlyItsTwoOperationsAndOnlyToCallersWithACredential() {
    assertThat(harness.send(request("/mantle/v1/complete", BODY.formatted("false")).build()).statusCode())
        .isEqualTo(404);
    assertThat(harness.send(request("/mantle/anthropic/v1/messages", BODY.formatted("false")).build()).statusCode())
        .isEqualTo(404);
    HttpResponse<String> anonymous = harness.send(HttpRequest.newBuilder(URI.create(harness.url()
        + "/mantle/v1/messages")).header("content-type", "application/json")
        .header("authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted("false"))).build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("authentication_error");
    assertThat(harness.sim.requests()).isEmpty();
  }

  private static HttpRequest.Builder request(String pathAndQuery, String body) {
    return HttpRequest.newBuilder(URI.create(harness.url() + pathAndQuery)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
        .header("x-api-key", GatewayHarness.TOKEN).POST(HttpRequest.BodyPublishers.ofString(body));
  }
}
