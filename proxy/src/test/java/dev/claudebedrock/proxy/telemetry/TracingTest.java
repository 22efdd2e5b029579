package dev.claudebedrock.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.telemetry.OtlpReceiver.ReceivedSpan;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.FaultScript;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Traces and GenAI metrics exported over OTLP/HTTP to a receiver on a real socket, as a collector gets them. */
class TracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";
  private static final String PROMPT = "Which region? A secret plan [[sim:tokens=12]]";
  private static final String BODY = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":50,\"stream\":%s,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";

  private OtlpReceiver receiver;
  private BedrockSimulator eu;

  @BeforeEach
  void start() {
    receiver = new OtlpReceiver();
    eu = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).region("eu-west-1").build());
  }

  @AfterEach
  void stop() {
    eu.close();
    receiver.close();
  }

  private GatewayHarness gateway(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "50",
        "OTEL_METRIC_EXPORT_INTERVAL", "200"));
    env.putAll(extra);
    return GatewayHarness.start("""
        targets:
          eu: {region: eu-west-1, endpoint: %s, control_plane_endpoint: %s}
        routes:
          opus:
            models: [claude-opus-5-5]
            targets: [{target: default}, {target: eu}]
        retry: {max_attempts: 2, initial_backoff_ms: 10, max_backoff_ms: 20}
        """.formatted(eu.baseUrl(), eu.baseUrl()), env);
  }

  @Test
  void aStreamIsAServerSpanContinuingTheClientsTraceWithGenAiAttributesAndNoSecrets() throws Exception {
    try (GatewayHarness gateway = gateway(Map.of())) {
      HttpResponse<String> response = gateway.post("/v1/messages", BODY.formatted(true),
          "traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01",
          "x-claude-code-session-id", "5b2de65a-2f17-42ce-b130-d9b299ebac63");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("message_stop");

      List<ReceivedSpan> spans = receiver
          .await(all -> all.stream().anyMatch(s -> s.kind() == SpanKind.SPAN_KIND_SERVER));
      ReceivedSpan server = only(spans, SpanKind.SPAN_KIND_SERVER);
      assertThat(server.name()).isEqualTo("POST /v1/messages");
      assertThat(server.traceId()).as("the client's trace goes on").isEqualTo(TRACE_ID);
      assertThat(server.parentSpanId()).isEqualTo(CLIENT_SPAN_ID);
      assertThat(server.attributes()).containsEntry("gen_ai.system", "aws.bedrock")
          .containsEntry("gen_ai.operation.name", "chat")
          .containsEntry("gen_ai.request.model", "claude-opus-5-5")
          .containsEntry("gen_ai.usage.output_tokens", "12")
          .containsEntry("gen_ai.response.finish_reasons", "[end_turn]")
          .containsEntry("gen_ai.request.max_tokens", "50")
          .containsEntry("gateway.key", "api-auth-token")
          .containsEntry("session.id", "5b2de65a-2f17-42ce-b130-d9b299ebac63")
          .containsEntry("http.response.status_code", "200")
          .containsKey("gen_ai.usage.input_tokens")
          .containsKey("gen_ai.response.model");
      assertThat(server.attributes().get("gen_ai.response.model")).contains("claude-opus");
      assertThat(server.events()).contains("gen_ai.first_token");

      ReceivedSpan attempt = only(spans, SpanKind.SPAN_KIND_CLIENT);
      assertThat(attempt.parentSpanId()).isEqualTo(server.spanId());
      assertThat(attempt.traceId()).isEqualTo(TRACE_ID);
      assertThat(attempt.attributes()).containsEntry("gateway.target", "default")
          .containsEntry("gateway.attempt.outcome", "success").containsEntry("http.response.status_code", "200");

      String everything = spans.toString();
      assertThat(everything).as("no credential, no prompt text").doesNotContain(GatewayHarness.TOKEN)
          .doesNotContain(SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY).doesNotContain("secret plan");

      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!receiver.metricNames().contains("gen_ai.client.token.usage") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(receiver.metricNames()).contains("gen_ai.client.token.usage", "gen_ai.client.operation.duration",
          "gen_ai.server.time_to_first_token");
      assertThat(receiver.histogram("gen_ai.client.token.usage")).anySatisfy(point -> {
        assertThat(point.attributes()).containsEntry("gen_ai.token.type", "output")
            .containsEntry("gen_ai.request.model", "claude-opus-5-5").containsEntry("gen_ai.system", "aws.bedrock");
        assertThat(point.sum()).isEqualTo(12);
      });
    }
  }

  @Test
  void aFailoverIsTwoClientSpansUnderOneServerSpan() throws Exception {
    try (GatewayHarness gateway = gateway(Map.of())) {
      gateway.sim.faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE));
      assertThat(gateway.post("/v1/messages", BODY.formatted(false)).statusCode()).isEqualTo(200);

      List<ReceivedSpan> spans = receiver
          .await(all -> all.stream().anyMatch(s -> s.kind() == SpanKind.SPAN_KIND_SERVER));
      ReceivedSpan server = only(spans, SpanKind.SPAN_KIND_SERVER);
      List<ReceivedSpan> attempts = spans.stream().filter(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT).toList();
      assertThat(attempts).hasSize(2).allSatisfy(a -> {
        assertThat(a.parentSpanId()).isEqualTo(server.spanId());
        assertThat(a.traceId()).isEqualTo(server.traceId());
      });
      assertThat(attempts).extracting(a -> a.attribute("gateway.target")).containsExactlyInAnyOrder("default", "eu");
      ReceivedSpan failed = attempts.stream().filter(a -> "default".equals(a.attribute("gateway.target")))
          .findFirst().orElseThrow();
      assertThat(failed.attributes()).containsEntry("error.type", "ServiceUnavailableException")
          .containsEntry("http.response.status_code", "503");
      assertThat(server.events()).contains("gateway.failover");
      assertThat(server.attributes()).containsEntry("gateway.attempts", "2")
          .containsEntry("gen_ai.response.finish_reasons", "[end_turn]");
    }
  }

  @Test
  void promptTextIsExportedOnlyWhenContentCaptureIsOn() throws Exception {
    try (GatewayHarness gateway = gateway(Map.of("BEDROCK_PROXY_TELEMETRY_CAPTURE_CONTENT", "true"))) {
      assertThat(gateway.post("/v1/messages", BODY.formatted(false)).statusCode()).isEqualTo(200);
      ReceivedSpan server = only(receiver.await(all -> all.stream()
          .anyMatch(s -> s.kind() == SpanKind.SPAN_KIND_SERVER)), SpanKind.SPAN_KIND_SERVER);
      assertThat(server.attribute("gen_ai.input.messages")).contains("secret plan");
    }
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, SpanKind kind) {
    List<ReceivedSpan> of = spans.stream().filter(s -> s.kind() == kind).toList();
    assertThat(of).as("spans of kind %s", kind).hasSize(1);
    return of.get(0);
  }
}
