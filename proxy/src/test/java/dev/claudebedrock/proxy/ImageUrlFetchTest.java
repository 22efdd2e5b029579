package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code image_url} parts with an http(s) URL on the OpenAI front door: refused unless the operator turns fetching
 * on; then fetched from a local image server (allowed through {@code allowed_networks}: loopback is otherwise refused
 * like every private class of address), inline in the Bedrock body, within the size cap, the timeout, the image types
 * and the redirect bound, and every redirect checked again.
 */
class ImageUrlFetchTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final byte[] PNG = pngBytes();
  private static final List<String> HOSTS = new CopyOnWriteArrayList<>();
  private static final CountDownLatch RELEASE = new CountDownLatch(1);
  private static ExecutorService threads;
  private static HttpServer images;
  private static String base;
  private static GatewayHarness harness;

  @BeforeAll
  static void start() throws IOException {
    threads = Executors.newCachedThreadPool();
    images = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    images.setExecutor(threads);
    images.createContext("/", ImageUrlFetchTest::serve);
    images.start();
    base = "http://127.0.0.1:" + images.getAddress().getPort();
    harness = GatewayHarness.start("""
        openai:
          image_fetch:
            enabled: true
            max_bytes: 2048
            timeout_ms: 1000
            max_redirects: 2
            max_images: 3
            allowed_networks: [127.0.0.1/32]
        """, GatewayHarness.NO_RETRIES);
  }

  @AfterAll
  static void stop() {
    RELEASE.countDown();
    harness.close();
    images.stop(0);
    threads.shutdownNow();
  }

  @Test
  void anImageFromAUrlReachesBedrockInline() {
    HttpResponse<String> response = chat(base + "/cat.png?sig=abc");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode source = harness.sim.requests().getLast().bodyJson().at("/messages/0/content/1/source");
    assertThat(source.get("type").asText()).isEqualTo("base64");
    assertThat(source.get("media_type").asText()).isEqualTo("image/png");
    assertThat(Base64.getDecoder().decode(source.get("data").asText())).isEqualTo(PNG);
    assertThat(HOSTS).contains(images.getAddress().getHostString() + ":" + images.getAddress().getPort());
  }

  @Test
  void aRedirectIsFollowedWithinTheBoundAndCheckedAgain() {
    assertThat(chat(base + "/hop").statusCode()).isEqualTo(200);

    assertRefused(chat(base + "/loop"), "redirected more than 2 times");
    assertRefused(chat(base + "/to-metadata"), "169.254.169.254 resolves to a link-local address");
    assertRefused(chat(base + "/to-other-loopback"), "127.0.0.2 resolves to a loopback address");
    assertRefused(chat(base + "/to-file"), "redirected to a URL that is not http(s)");
  }

  @Test
  void everyPrivateClassOfAddressIsRefusedWithoutAConnection() {
    Map<String, String> refused = Map.ofEntries(
        Map.entry("http://127.0.0.2/x.png", "a loopback address"),
        Map.entry("http://[::1]/x.png", "a loopback address"),
        Map.entry("http://169.254.169.254/latest/meta-data/", "a link-local address"),
        Map.entry("http://[fe80::1]/x.png", "a link-local address"),
        Map.entry("http://10.1.2.3/x.png", "a private address"),
        Map.entry("http://172.16.0.1/x.png", "a private address"),
        Map.entry("http://172.31.255.254/x.png", "a private address"),
        Map.entry("http://192.168.1.1/x.png", "a private address"),
        Map.entry("http://[fd00::1]/x.png", "a private address"),
        Map.entry("http://[fc00::1]/x.png", "a private address"),
        Map.entry("http://0.0.0.0/x.png", "an unspecified address"),
        Map.entry("http://[::]/x.png", "an unspecified address"),
        Map.entry("http://224.0.0.1/x.png", "a multicast or broadcast address"),
        Map.entry("http://[ff02::1]/x.png", "a multicast or broadcast address"),
        Map.entry("http://[::ffff:10.0.0.1]/x.png", "a private address"));
    int before = harness.sim.requests().size();
    refused.forEach((url, reason) -> assertRefused(chat(url), "resolves to " + reason));
    assertThat(harness.sim.requests()).as("nothing reached Bedrock").hasSize(before);
  }

  @Test
  void anImageTooLargeOfTheWrongTypeOrTooSlowIsRefused() {
    assertRefused(chat(base + "/big.png"), "larger than 2048 bytes (openai.image_fetch.max_bytes)");
    assertRefused(chat(base + "/big-chunked.png"), "larger than 2048 bytes");
    assertRefused(chat(base + "/page.html"), "content type \"text/html\"");
    assertRefused(chat(base + "/missing.png"), "answered HTTP 404");
    assertRefused(chat(base + "/silent.png"), "took longer than 1000 ms (openai.image_fetch.timeout_ms)");
    assertRefused(chat("ftp://127.0.0.1/x.png"), "expected a data: URL");
  }

  @Test
  void aRequestMayNameOnlySoManyImages() {
    String part = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + base + "/cat.png\"}}";
    HttpResponse<String> response = harness.post(CHAT, "{\"model\":\"sonnet\",\"messages\":[{\"role\":\"user\","
        + "\"content\":[" + String.join(",", List.of(part, part, part, part)) + "]}]}");
    assertRefused(response, "more than 3 images");
    assertThat(json(response.body()).at("/error/param").asText()).isEqualTo("messages[0].content[3].image_url.url");
  }

  @Test
  void fetchingIsOffUnlessTheOperatorTurnsItOn() {
    try (GatewayHarness off = GatewayHarness.start("", GatewayHarness.NO_RETRIES)) {
      HttpResponse<String> response = off.post(CHAT, body(base + "/cat.png"));
      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode error = json(response.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.get("param").asText()).isEqualTo("messages[0].content[1].image_url.url");
      assertThat(error.get("message").asText()).contains("openai.image_fetch.enabled").contains("data: URL");
      assertThat(off.sim.requests()).isEmpty();
    }
  }

  private static void assertRefused(HttpResponse<String> response, String reason) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").asText()).startsWith("messages[0].content[");
    assertThat(error.get("message").asText()).contains(reason).doesNotContain("sig=");
  }

  private static HttpResponse<String> chat(String url) {
    return harness.post(CHAT, body(url));
  }

  private static String body(String url) {
    return "{\"model\":\"sonnet\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
        + "\"Describe\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\"}}]}]}";
  }

  private static void serve(HttpExchange exchange) throws IOException {
    HOSTS.add(exchange.getRequestHeaders().getFirst("Host"));
    String port = Integer.toString(images.getAddress().getPort());
    switch (exchange.getRequestURI().getPath()) {
      case "/cat.png" -> send(exchange, 200, "image/png", PNG, false);
      case "/big.png" -> send(exchange, 200, "image/png", new byte[4096], false);
      case "/big-chunked.png" -> send(exchange, 200, "image/png", new byte[4096], true);
      case "/page.html" -> send(exchange, 200, "text/html; charset=utf-8", "<html></html>".getBytes(), false);
      case "/hop" -> redirect(exchange, "/cat.png");
      case "/loop" -> redirect(exchange, "/loop");
      case "/to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
      case "/to-other-loopback" -> redirect(exchange, "http://127.0.0.2:" + port + "/cat.png");
      case "/to-file" -> redirect(exchange, "file:///etc/passwd");
      case "/silent.png" -> {
        try {
          RELEASE.await(10, TimeUnit.SECONDS); // answers nothing until the test ends
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
      }
      default -> send(exchange, 404, "text/plain", "no".getBytes(), false);
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean chunked)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      // the gateway stopped reading (too large): nothing more to send
    }
  }

  private static byte[] pngBytes() {
    byte[] bytes = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 300);
    for (int i = 8; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
