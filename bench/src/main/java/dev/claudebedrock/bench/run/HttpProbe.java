package dev.claudebedrock.bench.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/** Polls an HTTP path on a loopback port until the answer's status is acceptable; plain sockets, no client warm-up. */
final class HttpProbe {
  private static final int TIMEOUT_MS = 2_000;

  private HttpProbe() {}

  /**
   * Polls every {@code interval} until {@code acceptable} holds for the status, the process exits (failing with its
   * log) or {@code timeout} passes; returns {@link System#nanoTime} of the acceptable answer.
   */
  static long await(ManagedProcess process, int port, String path, IntPredicate acceptable, Duration interval,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      OptionalInt status = status(port, path);
      long now = System.nanoTime();
      if (status.isPresent() && acceptable.test(status.getAsInt())) {
        return now;
      }
      process.checkAlive();
      if (now > deadline) {
        throw new IllegalStateException(process.name() + " did not answer " + path + " acceptably within " + timeout
            + " (last status " + (status.isPresent() ? status.getAsInt() : "none") + "); its log ends:\n"
            + process.logTail());
      }
      LockSupport.parkNanos(interval.toNanos());
    }
  }

  /** The status of {@code GET path}, or empty when nothing answers. */
  static OptionalInt status(int port, String path) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      int read = in.readNBytes(head, 0, head.length);
      String statusLine = new String(head, 0, read, StandardCharsets.US_ASCII);
      if (read < head.length || !statusLine.startsWith("HTTP/1.")) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(Integer.parseInt(statusLine.substring(9, 12)));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
