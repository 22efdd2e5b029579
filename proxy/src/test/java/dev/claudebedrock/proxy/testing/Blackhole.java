package dev.claudebedrock.proxy.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Bedrock that accepts TCP connections on a loopback port and never answers: no byte, no close.
 * What a stalled region, a half-dead load balancer or a firewall that drops replies look like.
 */
public final class Blackhole implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public Blackhole() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("blackhole").start(() -> {
      while (!server.isClosed()) {
        try {
          held.add(server.accept());
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  /** The base URL, for {@code BEDROCK_ENDPOINT} or a target's endpoint. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Connections accepted so far. */
  public int accepted() {
    return held.size();
  }

  @Override
  public void close() throws Exception {
    server.close();
    for (Socket socket : held) {
      socket.close();
    }
    acceptor.join(5_000);
  }
}
