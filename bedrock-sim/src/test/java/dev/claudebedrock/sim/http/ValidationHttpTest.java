package dev.claudebedrock.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invalid bodies over the wire: Bedrock's status, error-type header and message, and the server keeps serving. */
class ValidationHttpTest {
  private static final String INVOKE = "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke";
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
  }

  @Test
  void refusesModelAndStreamInTheBodyAsExtraInputs() {
    var body = Bodies.invoke("x");
    body.put("model", "claude-haiku-4-5");
    body.put("stream", true);

    HttpResponse<byte[]> response = RawHttp.postJson(sim, INVOKE, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .contains("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/");
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"model: Extra inputs are not permitted\"}");
  }

  @Test
  void refusesUnknownBetasAsAnInvalidBetaFlag() {
    var body = Bodies.invoke("x");
    body.putArray("anthropic_beta").add("claude-code-20250219");

    HttpResponse<byte[]> response = RawHttp.postJson(sim,
        "/model/us.anthropic.claude-opus-5-5/invoke-with-response-stream", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(response).path("message").asText()).isEqualTo("invalid beta flag");
  }

  @Test
  void refusesMalformedJsonAndNonJsonContentTypes() {
    HttpResponse<byte[]> malformed = RawHttp
        .send(RawHttp.request(sim, INVOKE).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"anthropic_version\":")).build());
    HttpResponse<byte[]> form = RawHttp.send(RawHttp.request(sim, INVOKE).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(Bodies.invoke("x").toString())).build());
    HttpResponse<byte[]> charset = RawHttp
        .send(RawHttp.request(sim, INVOKE).header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(Bodies.invoke("x").toString())).build());

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(malformed).path("message").asText())
        .isEqualTo("Malformed input request, please reformat your input and try again.");
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(form).path("message").asText()).contains("content type 'text/plain' is not supported");
    assertThat(charset.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesABodyOverTwentyFiveMillionBytesWithoutReadingIt() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", sim.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + INVOKE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + SimulatorConfig.DEFAULT_API_KEY + "\r\nContent-Length: 25000001\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String statusLine = in.readLine();
      StringBuilder rest = new StringBuilder();
      for (String line; (line = in.readLine()) != null;) {
        rest.append(line).append('\n');
      }

      assertThat(statusLine).isEqualTo("HTTP/1.1 400 Bad Request");
      assertThat(rest).contains("ValidationException")
          .contains("Member must have length less than or equal to 25000000");
    }
    assertThat(RawHttp.postJson(sim, INVOKE, Bodies.invoke("still serving")).statusCode()).isEqualTo(200);
  }
}
