package dev.claudebedrock.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay between the gateway and the simulator that keeps a copy of every byte the simulator
 * sends back, so a test can compare what the client received with what Bedrock really sent.
 */
public final class TcpTap implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<ByteArrayOutputStream> responses = new ArrayList<>();
  private final Thread acceptor;

  public TcpTap(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "tcp-tap");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** What the target sent on each connection, in connection order. */
  public synchronized List<byte[]> responses() {
    return responses.stream().map(ByteArrayOutputStream::toByteArray).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        synchronized (this) {
          responses.add(copy);
        }
        pump(client.getInputStream(), upstream.getOutputStream(), null, upstream);
        pump(upstream.getInputStream(), client.getOutputStream(), copy, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(InputStream in, OutputStream out, ByteArrayOutputStream copy, Socket closeAtEnd) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (copy != null) {
            synchronized (copy) {
              copy.write(buffer, 0, n);
            }
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // The other side closed; close ours too.
      } finally {
        try {
          closeAtEnd.close();
        } catch (IOException ignored) {
          // Already closed.
        }
      }
    }, "tcp-tap-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** The body of an HTTP/1.1 response with chunked transfer encoding, chunk framing removed. */
  public static byte[] chunkedBody(byte[] response) {
    int i = indexOf(response, "\r\n\r\n".getBytes(), 0) + 4;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int lineEnd = indexOf(response, "\r\n".getBytes(), i);
      int size = Integer.parseInt(new String(response, i, lineEnd - i).split(";")[0].strip(), 16);
      if (size == 0) {
        return body.toByteArray();
      }
      body.write(response, lineEnd + 2, size);
      i = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not an HTTP response");
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
