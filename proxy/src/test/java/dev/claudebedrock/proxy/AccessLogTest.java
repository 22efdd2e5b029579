package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.GatewayProcess;
import dev.claudebedrock.proxy.testing.SseEvents;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The access log as an operator reads it, from a gateway process in front of two regions: what the
 * request's listener heard (attempts, failover, the answering target, timings, tokens) is on its line.
 */
class AccessLogTest {
  private static final String OPUS = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":64,\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Where am I served? [[sim:tokens=9]]\"}]}";

  @Test
  void aLineTellsWhereARequestWentAndWhatItCost() throws Exception {
    try (BedrockSimulator us = simulator("us-east-1"); BedrockSimulator eu = simulator("eu-west-1")) {
      Path config = Files.createTempFile("access-log-", ".yaml");
      Files.writeString(config, """
          targets:
            eu: {region: eu-west-1, endpoint: %s, control_plane_endpoint: %s}
          routes:
            opus:
              models: [claude-opus-5-5]
              targets: [{target: default}, {target: eu}]
          retry: {max_attempts: 3, initial_backoff_ms: 10, max_backoff_ms: 20}
          """.formatted(eu.baseUrl(), eu.baseUrl()));
      Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(us));
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      us.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
      try (GatewayProcess gateway = GatewayProcess.start(env, "--config", config.toString())) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> stream = http.send(post(gateway, "/v1/messages", OPUS),
            HttpResponse.BodyHandlers.ofInputStream());
        assertThat(SseEvents.names(SseEvents.readAll(stream.body()))).endsWith("message_stop");
        HttpResponse<String> count = http.send(post(gateway, "/v1/messages/count_tokens",
            "{\"model\":\"claude-opus-5-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Count me\"}]}"),
            HttpResponse.BodyHandlers.ofString());
        assertThat(count.statusCode()).isEqualTo(200);
        gateway.terminate();
        assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isZero();

        List<JsonNode> access = gateway.lines().stream().map(GatewayProcess::parse)
            .filter(j -> j != null && "dev.claudebedrock.proxy.access".equals(j.path("logger").asText())).toList();
        JsonNode messages = access.stream().filter(j -> j.path("route").asText().equals("/v1/messages"))
            .findFirst().orElseThrow();
        assertThat(messages.path("status").asInt()).isEqualTo(200);
        assertThat(messages.path("client").asText()).isEqualTo("api-auth-token");
        assertThat(messages.path("route_choice").asText()).isEqualTo("opus");
        assertThat(messages.path("route_reason").asText()).isEqualTo("model");
        assertThat(messages.path("attempts").asInt()).isEqualTo(2);
        assertThat(messages.path("targets_tried").asText()).isEqualTo("default,eu");
        assertThat(messages.path("target").asText()).isEqualTo("eu");
        assertThat(messages.path("bedrock_model").asText()).isEqualTo("eu.anthropic.claude-opus-5-5");
        assertThat(messages.path("upstream_error_type").asText()).isEqualTo("ThrottlingException");
        assertThat(messages.path("upstream_request_id").asText()).isNotEmpty();
        assertThat(messages.path("output_tokens").asInt()).isEqualTo(9);
        assertThat(messages.path("input_tokens").asInt()).isPositive();
        assertThat(messages.path("ttft_ms").asDouble()).isPositive();
        assertThat(messages.path("overhead_ms").asDouble()).isPositive();
        assertThat(messages.path("upstream_latency_ms").asDouble()).isPositive();

        JsonNode counted = access.stream().filter(j -> j.path("route").asText().equals("/v1/messages/count_tokens"))
            .findFirst().orElseThrow();
        assertThat(counted.path("input_tokens").asInt()).isPositive();
        assertThat(counted.path("token_count_source").asText()).isIn("bedrock", "estimate");
      } finally {
        Files.deleteIfExists(config);
      }
    }
  }

  private static BedrockSimulator simulator(String region) {
    return BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).region(region).build());
  }

  private static HttpRequest post(GatewayProcess gateway, String path, String body) {
    return HttpRequest.newBuilder(URI.create(gateway.url() + path))
        .header("content-type", "application/json")
        .header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
