package dev.claudebedrock.sim.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reading streamed responses with java.net.http, including ones the server cuts off. */
public final class Streams {
  private Streams() {}

  /** What arrived before the stream ended or broke. */
  public record Received(int status, java.net.http.HttpHeaders headers, byte[] bytes, IOException failure) {}

  /** Reads a whole response body; a broken connection ends the read and is returned as {@code failure}. */
  public static Received readAll(HttpRequest request) {
    HttpResponse<InputStream> response;
    try {
      response = RawHttp.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      return new Received(0, null, new byte[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0;) {
        out.write(buffer, 0, n);
      }
      return new Received(response.statusCode(), response.headers(), out.toByteArray(), null);
    } catch (IOException e) {
      return new Received(response.statusCode(), response.headers(), out.toByteArray(), e);
    }
  }
}
