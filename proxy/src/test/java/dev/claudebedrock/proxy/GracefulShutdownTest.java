package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.GatewayProcess;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SIGTERM with a stream in flight: drain, let it finish, exit 0; and the log stays JSON without secrets. */
class GracefulShutdownTest {

  @Test
  void finishesTheStreamInFlightReportsDrainingAndExitsZero() throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).build())) {
      sim.timing(Duration.ZERO, 25);
      Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(sim));
      env.put("BEDROCK_PROXY_SERVER_SHUTDOWN_GRACE_SECONDS", "20");
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      try (GatewayProcess gateway = GatewayProcess.start(env)) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> stream = http.send(post(gateway, true, "Long answer [[sim:tokens=40]]"),
            HttpResponse.BodyHandlers.ofInputStream());
        assertThat(SseEvents.read(stream.body(), 3)).hasSize(3);

        gateway.terminate();
        HttpResponse<String> health = awaitDraining(gateway);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"draining\"");
        HttpResponse<String> refused = HttpClient.newHttpClient().send(post(gateway, false, "new work"),
            HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(529);
        assertThat(refused.body()).contains("overloaded_error").contains("shutting down");

        List<SseEvents.Event> rest = SseEvents.readAll(stream.body());
        assertThat(SseEvents.names(rest)).endsWith("message_stop");
        assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isZero();

        List<String> lines = gateway.lines();
        for (String line : lines) {
          JsonNode json = GatewayProcess.parse(line);
          assertThat(json).as("every log line is one JSON object: %s", line).isNotNull();
          assertThat(json.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
          assertThat(json.path("level").asText()).isIn("trace", "debug", "info", "warn", "error");
          assertThat(json.path("service").asText()).isEqualTo("claude-code");
          assertThat(json.path("message").asText()).isNotEmpty();
          assertThat(line).doesNotContain(GatewayHarness.TOKEN)
              .doesNotContain(SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY)
              .doesNotContain("Long answer");
        }
        JsonNode access = lines.stream().map(GatewayProcess::parse)
            .filter(
                j -> "dev.claudebedrock.proxy.access".equals(j.path("logger").asText()) && j.path("stream").asBoolean())
            .findFirst().orElseThrow();
        assertThat(access.get("status").asInt()).isEqualTo(200);
        assertThat(access.get("request_id").asText()).startsWith("req_");
        assertThat(access.get("route").asText()).isEqualTo("/v1/messages");
        assertThat(access.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(access.get("output_tokens").asInt()).isEqualTo(40);
        assertThat(access.get("duration_ms").asDouble()).isPositive();
        assertThat(access.has("input_tokens")).isTrue();
      }
    }
  }

  private static HttpResponse<String> awaitDraining(GatewayProcess gateway) throws Exception {
    HttpResponse<String> health = null;
    for (int i = 0; i < 100; i++) {
      health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (health.statusCode() == 503) {
        return health;
      }
      Thread.sleep(20);
    }
    return health;
  }

  private static HttpRequest post(GatewayProcess gateway, boolean stream, String text) {
    return HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/messages"))
        .header("content-type", "application/json")
        .header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(stream, text)))
        .build();
  }
}
