package dev.claudebedrock.sim.testing;

import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 connection, for tests that must control exactly when the client stops reading or leaves. */
public final class RawSocket implements AutoCloseable {
  private final Socket socket;

  private RawSocket(Socket socket) {
    this.socket = socket;
  }

  /** Connects and sends a POST with a JSON body and the default Bedrock API key. */
  public static RawSocket post(BedrockSimulator sim, String rawPath, String json) {
    return post(sim, rawPath, json, "");
  }

  /** The same with more header lines, each ending in CRLF (e.g. {@code "anthropic-version: 2023-06-01\r\n"}). */
  public static RawSocket post(BedrockSimulator sim, String rawPath, String json, String headerLines) {
    try {
      Socket socket = new Socket("127.0.0.1", sim.port());
      socket.setSoTimeout(10_000);
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head = "POST " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + sim.port() + "\r\n"
          + "Content-Type: application/json\r\nAuthorization: Bearer " + SimulatorConfig.DEFAULT_API_KEY + "\r\n"
          + headerLines + "Content-Length: " + body.length + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      return new RawSocket(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the status line and headers (up to the blank line). */
  public String readHead() {
    try {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed inside the response head: " + head);
        }
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a chunked body until its last chunk or until the connection ends, and returns the de-chunked bytes that
   * arrived (the JDK client discards data it already received when a connection breaks, so tests of cut-off
   * streams read the socket themselves).
   */
  public byte[] readChunkedBody() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        String sizeLine = readLine(in);
        if (sizeLine == null) {
          return body.toByteArray();
        }
        int size = Integer.parseInt(sizeLine.trim(), 16);
        if (size == 0) {
          return body.toByteArray();
        }
        byte[] chunk = in.readNBytes(size);
        body.write(chunk);
        if (chunk.length < size || readLine(in) == null) {
          return body.toByteArray();
        }
      }
    } catch (IOException e) {
      return body.toByteArray();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) >= 0;) {
      if (b == '\n') {
        return line.toString().stripTrailing();
      }
      line.append((char) b);
    }
    return null;
  }

  /** Reads at least one byte of the body. */
  public int readSome() {
    try {
      return socket.getInputStream().read(new byte[4096]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Leaves: closes the connection. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
