package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the gateway, and what everyone else sees. */
class ClientAuthTest {
  private static final String NAMED_KEY = "alice-personal-key-0001";
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    String yaml = "auth:\n  health_requires_token: true\n  keys:\n    - {name: alice, sha256: "
        + HexFormat.of().formatHex(ClientKey.sha256(NAMED_KEY)) + "}\n";
    harness = GatewayHarness.start(yaml, Map.of());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void acceptsTheTokenAsBearerOrApiKeyAndNamedKeys() {
    assertThat(call("authorization", "Bearer " + GatewayHarness.TOKEN).statusCode()).isEqualTo(200);
    assertThat(call("x-api-key", GatewayHarness.TOKEN).statusCode()).isEqualTo(200);
    assertThat(call("x-api-key", NAMED_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesMissingAndWrongCredentialsAndTellsClientsNotToRetry() {
    for (HttpResponse<String> response : new HttpResponse[] {
        call(null, null), call("x-api-key", "wrong-token-0000000"),
        call("authorization", "Bearer " + GatewayHarness.TOKEN + "x"),
        call("authorization", "Basic " + GatewayHarness.TOKEN)}) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\"");
      assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
      assertThat(response.body()).doesNotContain(GatewayHarness.TOKEN);
    }
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void protectsHealthWhenConfiguredButNeverLiveness() {
    assertThat(harness.get("/health", false).statusCode()).isEqualTo(401);
    HttpResponse<String> health = harness.get("/health", true);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .matches("\\{\"status\":\"healthy\",\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}");
    assertThat(harness.get("/health/live", false).statusCode()).isEqualTo(200);
    assertThat(harness.get("/health/ready", false).statusCode()).isEqualTo(200);
  }

  @Test
  void answersClaudeCodesConnectionPrewarmWithoutCredentials() {
    for (String path : new String[] {"/", "/api/hello"}) {
      HttpResponse<String> response = harness.send(HttpRequest.newBuilder(URI.create(harness.url() + path))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> call(String header, String value) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(false, "hi")));
    if (header != null) {
      request.header(header, value);
    }
    return harness.send(request.build());
  }
}
