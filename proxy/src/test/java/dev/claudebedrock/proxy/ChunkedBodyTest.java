package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.BedrockPolicyConfig;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.invoke.InvokeBodyRewriter;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body that reaches the gateway in many small chunks (HTTP chunked transfer coding, each chunk flushed on its own,
 * multi-byte characters split between chunks) is read, checked and spliced where it lies: Bedrock receives exactly
 * the bytes the body in one piece gives, signed over those bytes (the simulator checks the signature and the
 * payload hash), and so does the pass-through.
 */
class ChunkedBodyTest {
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void aBodyInManySmallChunksReachesBedrockAsInOnePiece() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      text.append("Z\u00fcrich \u2192 \u6771\u4eac \ud83d\ude00 \\\"").append(i).append("\\\" ");
    }
    String body = "{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
        + "\"}],\"max_tokens\":64,\"stream\":false}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] expected = new InvokeBodyRewriter(BedrockPolicyConfig.defaults()).rewrite(JsonBytes.of(bytes), List.of())
        .bytes();
    harness.sim.clearRequests();

    String response = post("/v1/messages", bytes, new Random(16), 7);

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(harness.sim.requests()).hasSize(1);
    RecordedRequest upstream = harness.sim.requests().get(0);
    assertThat(upstream.rawPath()).endsWith("/invoke");
    assertThat(upstream.body()).isEqualTo(expected);
    assertThat(new String(upstream.body(), StandardCharsets.UTF_8)).startsWith("{\"messages\":")
        .endsWith(",\"max_tokens\":64,\"anthropic_version\":\"bedrock-2023-05-31\"}");
  }

  @Test
  void aPassThroughBodyInManySmallChunksReachesBedrockByteForByte() throws Exception {
    String body = "{ \"anthropic_version\": \"bedrock-2023-05-31\", \"max_tokens\": 64, \"messages\": [{\"role\":"
        + "\"user\", \"content\": \"" + "caf\u00e9 \u2603 ".repeat(500) + "\"}] }";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    harness.sim.clearRequests();

    String response = post("/bedrock/model/" + BedrockPassthroughTest.HAIKU + "/invoke", bytes, new Random(7),
        5);

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(harness.sim.requests()).hasSize(1);
    assertThat(harness.sim.requests().get(0).body()).isEqualTo(bytes);
  }

  /** POSTs the body in chunks of 1 to {@code max} bytes, each flushed; the whole response as text. */
  private static String post(String path, byte[] body, Random random, int max) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", harness.gateway.port())) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: gateway\r\ncontent-type: application/json\r\n"
          + "anthropic-version: 2023-06-01\r\nauthorization: Bearer " + GatewayHarness.TOKEN + "\r\n"
          + "transfer-encoding: chunked\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      int chunks = 0;
      for (int at = 0; at < body.length; chunks++) {
        int size = Math.min(body.length - at, 1 + random.nextInt(max));
        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, at, size);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        at += size;
        if (chunks % 64 == 0) {
          out.flush();
          Thread.sleep(1); // let some chunks arrive in reads of their own
        }
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(chunks).isGreaterThan(body.length / max);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }
}
