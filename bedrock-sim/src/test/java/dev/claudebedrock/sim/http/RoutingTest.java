package dev.claudebedrock.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import dev.claudebedrock.sim.testing.TestSims;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Routing on the raw path, exactly as received. */
class RoutingTest {
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
  }

  @Test
  void takesARawColonInTheModelId() {
    HttpResponse<byte[]> response = RawHttp.postJson(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke",
        Bodies.invoke("raw colon"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sim.requests().getLast().rawPath()).isEqualTo("/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke");
  }

  @Test
  void takesAnArnWithItsSlashAsPercent2FAndRecordsThePathUndecoded() {
    String path = "/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke";

    HttpResponse<byte[]> response = RawHttp.postJson(sim, path, Bodies.invoke("arn"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sim.requests().getLast().rawPath()).isEqualTo(path);
    assertThat(sim.requests().getLast().modelId())
        .isEqualTo(
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0");
  }

  @Test
  void takesAFullyPercentEncodedModelIdAsTheJavaSdkSendsIt() {
    HttpResponse<byte[]> response = RawHttp.postJson(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke",
        Bodies.invoke("x"));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void findsNoOperationForAnArnWhoseSlashWasNotEncoded() {
    HttpResponse<byte[]> response = RawHttp.postJson(sim,
        "/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-5-5/invoke",
        Bodies.invoke("x"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("UnknownOperationException:"));
  }

  @Test
  void answersAnUnknownModelWithBedrocksNotFoundShape() {
    HttpResponse<byte[]> response = RawHttp.postJson(sim, "/model/anthropic.claude-unknown-v1:0/invoke",
        Bodies.invoke("x"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .contains("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.bedrock/");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(RawHttp.json(response).path("message").asText())
        .isEqualTo("Could not resolve the foundation model from the provided model identifier.");
  }

  @Test
  void answersUnknownRoutesAndMethodsWithUnknownOperation() {
    for (HttpRequest request : new HttpRequest[] {
        RawHttp.request(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/converse")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        RawHttp.request(sim, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke").GET().build(),
        RawHttp.request(sim, "/v1/messages").POST(HttpRequest.BodyPublishers.ofString("{}")).build()}) {
      HttpResponse<byte[]> response = RawHttp.send(request);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("x-amzn-ErrorType"))
          .contains("UnknownOperationException:http://internal.amazon.com/coral/com.amazon.coral.service/");
    }
  }

  @Test
  void refusesEveryOperationWithoutCredentials() {
    for (String path : new String[] {"/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke", "/inference-profiles"}) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + path));
      HttpResponse<byte[]> response = RawHttp.send(path.startsWith("/model")
          ? builder.POST(HttpRequest.BodyPublishers.ofString(Bodies.invoke("x").toString())).build()
          : builder.GET().build());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(RawHttp.json(response).path("message").asText()).isEqualTo("Missing Authentication Token");
      assertThat(response.headers().firstValue("x-amzn-ErrorType"))
          .contains("MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/");
    }
  }

  @Test
  void answersStsErrorsInStsXml() {
    HttpResponse<byte[]> response = RawHttp.send(HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new String(response.body())).contains("<Code>MissingAuthenticationToken</Code>");
  }

  @Test
  void hasNoControlRoutesUnlessAskedFor() {
    try (BedrockSimulator plain = BedrockSimulator.start(TestSims.config().controlApi(false).build())) {
      HttpResponse<byte[]> response = RawHttp.control(plain, "GET", "health", null);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("x-amzn-ErrorType"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("UnknownOperationException"));
    }
    assertThat(RawHttp.control(sim, "GET", "health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesBearerAuthWhenNoApiKeyIsConfigured() {
    try (BedrockSimulator noKey = BedrockSimulator.start(TestSims.config().apiKey(null).build())) {
      HttpResponse<byte[]> response = RawHttp.postJson(noKey, "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke",
          Bodies.invoke("x"));

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(RawHttp.json(response).path("message").asText())
          .isEqualTo("The security token included in the request is invalid.");
    }
    assertThat(SimulatorConfig.DEFAULT_API_KEY).isEqualTo("sim-bedrock-api-key");
  }
}
