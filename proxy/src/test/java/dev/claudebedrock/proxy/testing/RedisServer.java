package dev.claudebedrock.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code redis-server} on a free loopback port, started for a test and stopped after it. */
public final class RedisServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private RedisServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static RedisServer start() throws IOException, InterruptedException {
    Path binary = ExternalTools.require("redis-server", "redis-server");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path dir = Files.createTempDirectory("redis-");
    Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    RedisServer server = new RedisServer(process, port, dir);
    server.awaitPong(Duration.ofSeconds(10));
    return server;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Freezes the server with SIGSTOP: connections stay open, nothing is answered (a hung Redis). */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Lets a frozen server run again (SIGCONT). */
  public void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " failed for redis-server " + process.pid());
    }
  }

  /** Sends one command in the inline protocol and returns the raw reply. */
  public String command(String line) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      int n = in.read(buffer);
      return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }
  }

  private void awaitPong(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (command("PING").startsWith("+PONG")) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not answer on port " + port);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    thaw();
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
