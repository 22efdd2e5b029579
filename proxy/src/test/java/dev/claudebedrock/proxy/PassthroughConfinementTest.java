package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.control.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client cannot make the gateway call any host but the configured one: not with path tricks,
 * not with {@code Host} or {@code X-Forwarded-*} headers, not with an absolute request URI. A
 * listening "other host" must never see a connection.
 */
class PassthroughConfinementTest {
  private static final String MODEL = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
  private static GatewayHarness harness;
  private static ServerSocket otherHost;

  @BeforeAll
  static void start() throws IOException {
    harness = GatewayHarness.start();
    otherHost = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    otherHost.setSoTimeout(300);
  }

  @AfterAll
  static void stop() throws IOException {
    otherHost.close();
    harness.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "POST /bedrock/../v1/messages HTTP/1.1",
      "POST /bedrock/model/..%2F..%2Fmodel%2Fx/invoke HTTP/1.1",
      "POST /bedrock//127.0.0.1:OTHER/model/x/invoke HTTP/1.1",
      "POST /bedrock/%2e%2e/model/x/invoke HTTP/1.1",
      "POST /bedrock/model/x%00/invoke HTTP/1.1"})
  void refusesPathTricksWithoutCallingAnyone(String requestLine) throws IOException {
    harness.sim.clearRequests();
    String answer = exchange(requestLine.replace("OTHER", Integer.toString(otherHost.getLocalPort())), "");
    assertThat(answer).matches("(?s)HTTP/1\\.1 (400|404) .*");
    assertThat(harness.sim.requests()).isEmpty();
    assertNobodyCalledTheOtherHost();
  }

  @Test
  void dropsTheQueryOfModelOperations() throws IOException {
    harness.sim.clearRequests();
    exchange("POST /bedrock/model/" + MODEL + "/invoke?@127.0.0.1:" + otherHost.getLocalPort() + " HTTP/1.1", "");
    assertThat(harness.sim.requests()).singleElement().satisfies(r -> {
      assertThat(r.rawPath()).isEqualTo("/model/" + MODEL + "/invoke");
      assertThat(r.rawQuery()).isEmpty();
    });
    assertNobodyCalledTheOtherHost();
  }

  @Test
  void ignoresHostAndForwardingHeadersAndAbsoluteUris() throws IOException {
    harness.sim.clearRequests();
    String other = "127.0.0.1:" + otherHost.getLocalPort();
    String headers = "X-Forwarded-Host: " + other + "\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Port: "
        + otherHost.getLocalPort() + "\r\nForwarded: host=" + other + "\r\nX-Amz-Target: " + other + "\r\n";
    String viaHost = exchangeWithHost("POST /bedrock/model/" + MODEL + "/invoke HTTP/1.1", other, headers);
    String absolute = exchangeWithHost("POST http://" + other + "/bedrock/model/" + MODEL + "/invoke HTTP/1.1",
        other, headers);

    assertThat(viaHost).startsWith("HTTP/1.1 200");
    assertThat(absolute).startsWith("HTTP/1.1 200");
    List<RecordedRequest> received = harness.sim.requests();
    assertThat(received).hasSize(2).allSatisfy(r -> {
      assertThat(r.header("host")).isEqualTo("127.0.0.1:" + harness.sim.port());
      assertThat(r.header("x-forwarded-host")).isNull();
      assertThat(r.header("forwarded")).isNull();
      assertThat(r.header("x-amz-target")).isNull();
    });
    assertNobodyCalledTheOtherHost();
  }

  private static void assertNobodyCalledTheOtherHost() throws IOException {
    try (Socket intruder = otherHost.accept()) {
      throw new AssertionError("the gateway connected to a host it was not configured for: " + intruder);
    } catch (SocketTimeoutException expected) {
      // Nobody came: as it must be.
    }
  }

  private static String exchange(String requestLine, String extraHeaders) throws IOException {
    return exchangeWithHost(requestLine, "gateway", extraHeaders);
  }

  private static String exchangeWithHost(String requestLine, String host, String extraHeaders) throws IOException {
    String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":8,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"where am I\"}]}";
    try (Socket socket = new Socket("127.0.0.1", harness.gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: " + host + "\r\nContent-Type: application/json\r\nx-api-key: "
          + GatewayHarness.TOKEN + "\r\nConnection: close\r\n" + extraHeaders + "Content-Length: " + body.length()
          + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
