package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections that hold a file descriptor without sending a request are closed within the documented
 * timeouts, a flood of them never keeps {@code /health/live} from answering, and a request in progress is
 * never cut by those timeouts. All over real sockets on loopback.
 */
class ConnectionHygieneTest {
  private static final int LIMIT = 1_000;
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("""
        server:
          header_read_timeout_ms: 1000
          idle_timeout_seconds: 2
        """, Map.of());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheHeaderReadTimeout() throws Exception {
    try (Socket silent = connect()) {
      assertThat(closedWithin(silent, Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aSlowlorisConnectionIsClosedAfterTheHeaderReadTimeoutThoughBytesKeepArriving() throws Exception {
    try (Socket slow = connect()) {
      slow.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: g\r\n".getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      boolean closed = false;
      // One header byte every 100 ms would take far longer than the timeout to complete the headers.
      for (int i = 0; i < 100 && !closed; i++) {
        try {
          slow.getOutputStream().write('x');
          slow.getOutputStream().flush();
          Thread.sleep(100);
        } catch (IOException e) {
          closed = true;
        }
        closed = closed || closedWithin(slow, Duration.ofMillis(1));
      }
      assertThat(closed).as("closed while trickling headers").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket keepAlive = connect()) {
      keepAlive.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: g\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = readAvailable(keepAlive);
      assertThat(answer).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
      // Longer than the header-read timeout (1 s): after a request the connection has the idle timeout (2 s).
      Thread.sleep(1_300);
      keepAlive.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: g\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(readAvailable(keepAlive)).startsWith("HTTP/1.1 200");
      assertThat(closedWithin(keepAlive, Duration.ofSeconds(6))).isTrue();
    }
  }

  @Test
  void aRequestWaitingLongerThanBothTimeoutsForBedrockIsAnswered() {
    harness.sim.faults().script(FaultScript.delay(Duration.ofMillis(3_500)));
    HttpResponse<String> response = harness.post("/v1/messages", StreamingTest.body(false, "slow answer"));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void manySilentConnectionsBeyondTheLimitLeaveHealthLiveAnswering() throws Exception {
    // A header-read timeout longer than the test: the connection limit alone has to keep the gateway reachable.
    try (GatewayHarness limited = GatewayHarness.start("""
        server:
          header_read_timeout_ms: 60000
          max_connections: %d
        """.formatted(LIMIT), Map.of())) {
      List<Socket> silent = new ArrayList<>();
      try {
        for (int i = 0; i < 3 * LIMIT; i++) {
          silent.add(new Socket("127.0.0.1", limited.gateway.port()));
        }
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 4; i++) {
          HttpResponse<String> live = fresh.send(HttpRequest.newBuilder(URI.create(limited.url() + "/health/live"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(live.statusCode()).isEqualTo(200);
        }
        String metrics = limited.get("/metrics", false).body();
        assertThat(gauge(metrics, "gateway_connections")).isBetween(1.0, (double) LIMIT);
        assertThat(gauge(metrics, "gateway_connections_limit")).isEqualTo(LIMIT);
        assertThat(gauge(metrics, "gateway_connections_closed_total{reason=\"evicted\"}"))
            .isGreaterThanOrEqualTo(2 * LIMIT);
        // The oldest silent connections were the ones to go; the newest are still open.
        assertThat(closedWithin(silent.get(0), Duration.ofSeconds(1))).isTrue();
        assertThat(closedWithin(silent.get(silent.size() - 1), Duration.ofMillis(200))).isFalse();
      } finally {
        for (Socket socket : silent) {
          socket.close();
        }
      }
    }
  }

  @Test
  void anUnknownHttpVersionIsAnsweredInTheApiShape() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("GET /health/live HTTP/9.9\r\nHost: g\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(socket);
      assertThat(answer).startsWith("HTTP/9.9 505 ").containsIgnoringCase("content-type: application/json");
      JsonNode body = Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }
  }

  @Test
  void aWebSocketUpgradeIsRefused() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(("GET /v1/messages HTTP/1.1\r\nHost: g\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(readAvailable(socket)).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  void h2cIsOffByDefaultAndOnWhenAsked() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpRequest live = HttpRequest.newBuilder(URI.create(harness.url() + "/health/live")).build();
    assertThat(h2.send(live, HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    try (GatewayHarness h2c = GatewayHarness.start("server: {h2c: true}", Map.of())) {
      HttpResponse<String> answer = h2.send(HttpRequest.newBuilder(URI.create(h2c.url() + "/health/live")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
  }

  private static Socket connect() throws IOException {
    return new Socket("127.0.0.1", harness.gateway.port());
  }

  /** Whether the gateway closed the socket (end of stream or reset) within {@code max}; answers are skipped. */
  private static boolean closedWithin(Socket socket, Duration max) throws IOException {
    long deadline = System.nanoTime() + max.toNanos();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      socket.setSoTimeout((int) left);
      try {
        if (in.read(buffer) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }
  }

  /** One response's bytes, as far as they arrive within half a second after the first. */
  private static String readAvailable(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int n = socket.getInputStream().read(buffer);
    if (n > 0) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readAll(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static double gauge(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(
        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
  }
}
