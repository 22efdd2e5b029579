package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a clear Anthropic-shaped error, nothing reaches Bedrock, and the gateway keeps serving. */
class BadInputTest {
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("", Map.of("BEDROCK_PROXY_SERVER_MAX_BODY_MB", "1",
        "BEDROCK_PROXY_SERVER_BODY_READ_TIMEOUT_MS", "500"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @AfterEach
  void stillServes() {
    HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "still there?"));
    assertThat(response.statusCode()).isEqualTo(200);
    harness.sim.clearRequests();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON | {\"model\": | not valid JSON",
      "duplicate key | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"model\":\"x\"} | Duplicate field 'model'",
      "not an object | [1,2,3] | must be a JSON object",
      "empty body | '' | body is empty",
      "missing model | {\"max_tokens\":5,\"messages\":[]} | model: Field required",
      "model of the wrong type | {\"model\":5,\"max_tokens\":5,\"messages\":[]} | model: Input should be a non-empty string",
      "missing messages | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":5} | messages: Field required",
      "messages not a list | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":{}} | messages: Input should be a valid list",
      "missing max_tokens | {\"model\":\"claude-haiku-4-5\",\"messages\":[]} | max_tokens: Field required",
      "max_tokens not a number | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":\"many\",\"messages\":[]} | max_tokens: Input should be a positive integer",
      "stream not a boolean | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"stream\":\"yes\"} | stream: Input should be a valid boolean"})
  void answersInvalidBodiesWith400(String name, String body, String message) {
    HttpResponse<String> response = harness.post("/v1/messages", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"")
        .contains(message);
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void refusesNonJsonContentTypes() {
    HttpResponse<String> response = harness.post("/v1/messages", "model=x", "content-type",
        "application/x-www-form-urlencoded");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Content-Type must be application/json");
  }

  @Test
  void refusesAnUnsupportedAnthropicVersion() {
    HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "hi"), "anthropic-version",
        "1999-01-01");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("anthropic-version");
    assertThat(
        harness.post("/v1/messages", StreamingTest.body(false, "hi"), "anthropic-version", "2026-10-21").statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesADeclaredOversizedBodyBeforeReadingIt() throws IOException {
    try (Socket socket = connect()) {
      write(socket, "POST /v1/messages HTTP/1.1\r\nHost: g\r\ncontent-type: application/json\r\nx-api-key: "
          + GatewayHarness.TOKEN + "\r\ncontent-length: 50000000\r\n\r\n{");
      String answer = readAll(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413").contains("request_too_large")
          .contains("exceeds the limit of 1048576 bytes");
    }
  }

  @Test
  void refusesAChunkedBodyOnceItPassesTheLimit() {
    String big = "x".repeat(1_100_000);
    HttpRequest request = HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(("{\"model\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8))))
        .build();
    HttpResponse<String> response = harness.send(request);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("request_too_large");
  }

  @Test
  void givesUpOnAClientThatStopsSendingItsBody() throws IOException {
    try (Socket socket = connect()) {
      write(socket, "POST /v1/messages HTTP/1.1\r\nHost: g\r\ncontent-type: application/json\r\nx-api-key: "
          + GatewayHarness.TOKEN + "\r\ncontent-length: 100\r\n\r\n{\"model\":");
      String answer = readAll(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 400").contains("did not arrive in time").contains("allowed: 500 ms");
    }
  }

  @Test
  void givesUpOnAClientThatTricklesItsBodySlowerThanTheMinimumRate() throws Exception {
    try (Socket socket = connect()) {
      write(socket, "POST /v1/messages HTTP/1.1\r\nHost: g\r\ncontent-type: application/json\r\nx-api-key: "
          + GatewayHarness.TOKEN + "\r\ncontent-length: 100000\r\n\r\n{");
      Thread trickle = Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < 100; i++) {
            Thread.sleep(100);
            write(socket, " ");
          }
        } catch (IOException | InterruptedException e) {
          // The gateway closed the connection: what this test waits for.
        }
      });
      String answer = readAll(socket.getInputStream());
      trickle.interrupt();
      assertThat(answer).startsWith("HTTP/1.1 400").contains("did not arrive in time");
    }
  }

  @Test
  void answersUnknownRoutesAndWrongMethods() {
    HttpResponse<String> notFound = harness.get("/v2/anything", true);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).contains("not_found_error");
    HttpResponse<String> wrongMethod = harness.get("/v1/messages", true);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");
    assertThat(wrongMethod.body()).contains("invalid_request_error");
  }

  @Test
  void answersHugeHeadersWith431() throws IOException {
    try (Socket socket = connect()) {
      write(socket, "GET /health HTTP/1.1\r\nHost: g\r\nx-big: " + "a".repeat(100_000) + "\r\n\r\n");
      String answer = readAll(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 431").contains("invalid_request_error");
    }
  }

  @Test
  void answersGarbageWith400() throws IOException {
    try (Socket socket = connect()) {
      write(socket, "\u0001\u0002 NOT HTTP AT ALL\r\n\r\n");
      String answer = readAll(socket.getInputStream());
      assertThat(answer).matches("(?s)HTTP/1\\.[01] 400 .*").contains("invalid_request_error");
    }
  }

  @Test
  void acceptsAnyQueryString() {
    assertThat(harness.post("/v1/messages?beta=true&x=1", StreamingTest.body(false, "hi")).statusCode()).isEqualTo(200);
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", harness.gateway.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
