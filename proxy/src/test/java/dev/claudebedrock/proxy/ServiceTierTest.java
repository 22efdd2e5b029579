package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bedrock's service tier ({@code X-Amzn-Bedrock-Service-Tier}) set by a route, or by a client where allowed. */
class ServiceTierTest {
  private static final String ROUTES = """
      routes:
        fast:
          models: [claude-haiku-4-5-20251001]
          service_tier: priority
          targets: [{target: default}]
      """;
  private static final String HAIKU = "{\"model\":\"claude-haiku-4-5-20251001\",\"max_tokens\":16,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"tiered\"}]}";
  private static final String SONNET = HAIKU.replace("claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929");

  @Test
  void aRoutesTierGoesToInvokeModelAndAClientsOnlyWhereAllowed() {
    try (GatewayHarness h = GatewayHarness.start(ROUTES, GatewayHarness.NO_RETRIES)) {
      assertThat(h.post("/v1/messages", HAIKU).statusCode()).isEqualTo(200);
      assertThat(lastTier(h)).isEqualTo("priority");

      assertThat(h.post("/v1/messages", SONNET).statusCode()).isEqualTo(200);
      assertThat(lastTier(h)).as("the default tier sends no header").isNull();

      assertThat(h.post("/v1/messages", SONNET, "x-amzn-bedrock-service-tier", "flex").statusCode()).isEqualTo(200);
      assertThat(lastTier(h)).as("clients may not choose unless the operator allows it").isNull();
    }
  }

  @Test
  void aClientChoosesWhereTheOperatorAllowsAndAnUnknownTierIsRefused() {
    try (GatewayHarness h = GatewayHarness.start(ROUTES + "routing: {allow_client_service_tier: true}\n",
        GatewayHarness.NO_RETRIES)) {
      assertThat(h.post("/v1/messages", HAIKU, "x-amzn-bedrock-service-tier", "flex").statusCode()).isEqualTo(200);
      assertThat(lastTier(h)).isEqualTo("flex");

      assertThat(h.post("/v1/messages", SONNET, "x-amzn-bedrock-service-tier", "priority").statusCode())
          .isEqualTo(200);
      assertThat(lastTier(h)).isEqualTo("priority");

      int before = h.sim.requests().size();
      HttpResponse<String> refused = h.post("/v1/messages", HAIKU, "x-amzn-bedrock-service-tier", "platinum");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("invalid_request_error").contains("x-amzn-bedrock-service-tier");
      assertThat(h.sim.requests()).hasSize(before);
    }
  }

  @Test
  void theTierGoesToTheNativeMessagesApiToo() {
    try (GatewayHarness h = GatewayHarness.start(
        SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).build(), ROUTES,
        url -> Map.of("BEDROCK_PROXY_AWS_API", "mantle", "BEDROCK_PROXY_AWS_MANTLE_ENDPOINT", url + "/anthropic"))) {
      assertThat(h.post("/v1/messages", HAIKU).statusCode()).isEqualTo(200);
      RecordedRequest sent = h.sim.requests().getLast();
      assertThat(sent.operation()).isEqualTo(Operation.MESSAGES);
      assertThat(sent.header("x-amzn-bedrock-service-tier")).isEqualTo("priority");
    }
  }

  private static String lastTier(GatewayHarness h) {
    return h.sim.requests().getLast().header("x-amzn-bedrock-service-tier");
  }
}
