package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that declare a body at the size limit and then hold the connection with three bytes
 * sent cost the gateway those three bytes, not the declared size: memory stays flat and other
 * requests are served as usual.
 */
class HeldBodyFloodTest {
  private static final int CONNECTIONS = 500;
  private static final long DECLARED = 32L * 1024 * 1024;
  private static final long ALLOWED_GROWTH = 50L * 1024 * 1024;

  @Test
  void fiveHundredHeldMaximumBodiesLeaveTheHeapFlat() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start()) {
      assertThat(harness.post("/v1/messages", StreamingTest.body(false, "warm up")).statusCode()).isEqualTo(200);
      long idle = heapAfterGc();
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < CONNECTIONS; i++) {
          Socket socket = new Socket("127.0.0.1", harness.gateway.port());
          socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: g\r\ncontent-type: application/json\r\n"
              + "x-api-key: " + GatewayHarness.TOKEN + "\r\ncontent-length: " + DECLARED + "\r\n\r\n{\"m")
              .getBytes(StandardCharsets.ISO_8859_1));
          socket.getOutputStream().flush();
          held.add(socket);
        }
        // Every held request has reached the body stage once a request sent after all of them is answered on
        // each event loop (connections are spread over the loops in turn).
        for (int i = 0; i < 4; i++) {
          HttpResponse<String> normal = harness.post("/v1/messages", StreamingTest.body(false, "still served"));
          assertThat(normal.statusCode()).isEqualTo(200);
        }
        long flooded = heapAfterGc();
        assertThat(flooded - idle)
            .as("heap growth with %d held %d-byte bodies (idle %d MB)", CONNECTIONS, DECLARED, idle >> 20)
            .isLessThan(ALLOWED_GROWTH);
      } finally {
        for (Socket socket : held) {
          close(socket);
        }
      }
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
