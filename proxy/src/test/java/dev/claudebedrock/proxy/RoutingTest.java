package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.TwoRegions;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each routing rule, checked by what reaches which region, in the documented order. */
class RoutingTest {
  private static final String CI_KEY = "ci-pipeline-key-000001";
  private static TwoRegions regions;

  @BeforeAll
  static void start() {
    String hash = HexFormat.of().formatHex(ClientKey.sha256(CI_KEY));
    regions = TwoRegions.start("""
        auth:
          keys:
            - {name: ci, sha256: %s}
        routes:
          cheap:
            targets: [{target: eu, model: eu.anthropic.claude-haiku-4-5-20251001-v1:0}]
          long-context:
            targets: [{target: eu, model: eu.anthropic.claude-sonnet-4-5-20250929-v1:0}]
          thinkers:
            targets: [{target: eu}]
          ci:
            targets: [{target: eu, model: eu.anthropic.claude-3-5-haiku-20241022-v1:0}]
          europe:
            models: [claude-sonnet-5-5]
            targets: [{target: eu}]
        routing:
          allow_override: true
          rules:
            - {name: background, route: cheap, when: {request_class: [background]}}
            - {name: small-model, route: cheap, when: {model: [claude-haiku-5-5]}}
            - {name: long, route: long-context, when: {min_input_tokens: 5000}}
            - {name: thinking, route: thinkers, when: {thinking: "true"}}
            - {name: ci, route: ci, when: {client: [ci]}}
        """.formatted(hash), GatewayHarness.NO_RETRIES);
  }

  @AfterAll
  static void stop() {
    regions.close();
  }

  @BeforeEach
  void reset() {
    regions.reset();
  }

  @Test
  void sendsBackgroundWorkToTheCheapRoute() {
    HttpResponse<String> response = regions.gateway.post("/v1/messages", body("claude-opus-5-5", "tidy up", ""),
        "x-claude-code-request-class", "background");
    assertThat(response.headers().firstValue("x-gateway-route")).hasValue("cheap");
    assertThat(onlyEu().rawPath()).isEqualTo("/model/eu.anthropic.claude-haiku-4-5-20251001-v1:0/invoke");
    assertThat(response.body()).as("the client still sees the model it asked for")
        .contains("\"model\":\"claude-opus-5-5\"");
  }

  @Test
  void sendsTheSmallModelToTheCheapRoute() {
    regions.gateway.post("/v1/messages", body("claude-haiku-5-5", "quick", ""));
    assertThat(onlyEu().rawPath()).contains("claude-haiku-4-5");
  }

  @Test
  void sendsLongContextsToTheLongContextRoute() {
    String big = "All work and no play makes a dull gateway. ".repeat(500);
    HttpResponse<String> response = regions.gateway.post("/v1/messages", body("claude-opus-5-5", big, ""));
    assertThat(response.headers().firstValue("x-gateway-route")).hasValue("long-context");
    assertThat(onlyEu().rawPath()).contains("claude-sonnet-4-5-20250929");
  }

  @Test
  void sendsThinkingRequestsToTheThinkersRoute() {
    regions.gateway.post("/v1/messages", body("claude-opus-5-5", "ponder",
        ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}"));
    assertThat(onlyEu().rawPath()).isEqualTo("/model/eu.anthropic.claude-opus-5-5/invoke");
  }

  @Test
  void sendsAClientKeysRequestsToItsRoute() {
    HttpResponse<String> response = regions.gateway.post("/v1/messages", body("claude-opus-5-5", "build", ""),
        "authorization", "Bearer " + CI_KEY);
    assertThat(response.headers().firstValue("x-gateway-route")).hasValue("ci");
    assertThat(onlyEu().rawPath()).contains("claude-3-5-haiku");
  }

  @Test
  void honoursTheOverrideHeaderBeforeAnyRule() {
    HttpResponse<String> response = regions.gateway.post("/v1/messages", body("claude-haiku-5-5", "mine", ""),
        "x-gateway-route", "europe");
    assertThat(response.headers().firstValue("x-gateway-route")).hasValue("europe");
    assertThat(onlyEu().rawPath()).isEqualTo("/model/eu.anthropic.claude-haiku-5-5/invoke");
    HttpResponse<String> unknown = regions.gateway.post("/v1/messages", body("claude-opus-5-5", "x", ""),
        "x-gateway-route", "nowhere");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no route named");
  }

  @Test
  void routesByModelThenFallsBackToTheDefaultTarget() {
    HttpResponse<String> routed = regions.gateway.post("/v1/messages", body("claude-sonnet-5-5", "model route", ""));
    assertThat(routed.headers().firstValue("x-gateway-route")).hasValue("europe");
    assertThat(onlyEu().rawPath()).isEqualTo("/model/eu.anthropic.claude-sonnet-5-5/invoke");

    regions.reset();
    HttpResponse<String> unrouted = regions.gateway.post("/v1/messages", body("claude-opus-5-5", "default", ""));
    assertThat(unrouted.headers().firstValue("x-gateway-route")).hasValue("default");
    assertThat(regions.us().requests()).singleElement()
        .satisfies(r -> assertThat(r.rawPath()).isEqualTo("/model/us.anthropic.claude-opus-5-5/invoke"));
    assertThat(regions.eu.requests()).isEmpty();
  }

  @Test
  void ignoresTheOverrideHeaderWhenTheOperatorForbidsIt() {
    try (TwoRegions strict = TwoRegions.start("routes:\n  europe:\n    targets: [{target: eu}]\n", Map.of())) {
      HttpResponse<String> response = strict.gateway.post("/v1/messages", body("claude-opus-5-5", "try", ""),
          "x-gateway-route", "europe");
      assertThat(response.headers().firstValue("x-gateway-route")).hasValue("default");
      assertThat(strict.eu.requests()).isEmpty();
    }
  }

  private static RecordedRequest onlyEu() {
    assertThat(regions.us().requests()).isEmpty();
    assertThat(regions.eu.requests()).hasSize(1);
    return regions.eu.requests().get(0);
  }

  private static String body(String model, String text, String extra) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":2048" + extra
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }
}
