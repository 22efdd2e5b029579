package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.ExternalTools;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.TestCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * deploy/nginx/nginx.conf, run by Debian's nginx in front of the gateway: it passes {@code nginx -t},
 * streams server-sent events one by one over TLS, redirects HTTP, keeps /metrics private, and
 * enforces the gateway's body limit. The nginx configuration under test is generated from the
 * production file by replacing only the addresses and file locations.
 */
class NginxTest {
  @TempDir
  static Path dir;

  private static Path nginx;
  private static GatewayHarness gateway;
  private static TestCertificates certificates;
  private static Process running;
  private static int httpPort;
  private static int httpsPort;

  @BeforeAll
  static void start() throws Exception {
    nginx = ExternalTools.require("nginx", "nginx");
    certificates = TestCertificates.create(dir);
    gateway = GatewayHarness.start("", Map.of());
    httpPort = freePort();
    httpsPort = freePort();
    Path config = testCopy(gateway.gateway.port(), httpPort, httpsPort);
    running = new ProcessBuilder(nginx.toString(), "-c", config.toString(), "-p", dir.toString(), "-e", "stderr",
        "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    awaitListening(httpsPort);
    // One stream per protocol first, so that no first-time costs (TLS, JIT) bunch the measured events.
    for (HttpClient.Version version : HttpClient.Version.values()) {
      try (HttpClient http = client(version)) {
        http.send(streamRequest("Warm up [[sim:tokens=3]]"), HttpResponse.BodyHandlers.ofString());
      }
    }
  }

  @AfterAll
  static void stop() {
    if (running != null) {
      running.destroy();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void passesNginxTest() throws IOException {
    Path config = testCopy(3000, freePort(), freePort());
    DeployFiles.Result result = DeployFiles.run(
        List.of(nginx.toString(), "-t", "-c", config.toString(), "-p", dir.toString(), "-e", "stderr"), dir);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("syntax is ok").contains("test is successful");
  }

  @Test
  void keepsTheStreamingSettingsOfTheProductionFile() {
    String config = DeployFiles.read("deploy/nginx/nginx.conf");
    assertThat(config).contains("proxy_buffering off;").contains("proxy_request_buffering off;").contains("gzip off;")
        .contains("proxy_http_version 1.1;").contains("proxy_set_header Connection \"\";")
        .contains("client_max_body_size 32m;").contains("return 301 https://$host$request_uri;");
    Matcher timeout = Pattern.compile("proxy_read_timeout (\\d+)s;").matcher(config);
    assertThat(timeout.find()).isTrue();
    assertThat(Integer.parseInt(timeout.group(1))).as("longer than the gateway's 300 s first-byte timeout")
        .isGreaterThan(300);
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void streamsServerSentEventsOneByOneOverTls(HttpClient.Version version) throws Exception {
    gateway.sim.timing(Duration.ZERO, 20);
    try (HttpClient http = client(version)) {
      HttpResponse<InputStream> response = http.send(streamRequest("Pace yourself [[sim:tokens=10]]"),
          HttpResponse.BodyHandlers.ofInputStream());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.version()).isEqualTo(version);
      assertThat(response.headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      assertThat(response.headers().firstValue("content-encoding")).as("never compressed").isEmpty();
      List<Long> deltas = deltaArrivals(response.body());
      assertThat(deltas).hasSize(10);
      long spreadMs = (deltas.get(9) - deltas.get(0)) / 1_000_000;
      assertThat(spreadMs).as("10 tokens at 20/s arrive over ~450 ms, not at once").isGreaterThan(300);
      List<Long> gapsMs = new ArrayList<>();
      for (int i = 1; i < deltas.size(); i++) {
        gapsMs.add((deltas.get(i) - deltas.get(i - 1)) / 1_000_000);
      }
      assertThat(gapsMs.stream().filter(gap -> gap >= 20)).as("deltas arrive one by one, ~50 ms apart: " + gapsMs)
          .hasSizeGreaterThanOrEqualTo(6);
    } finally {
      gateway.sim.timing(Duration.ZERO, 0);
    }
  }

  @Test
  void redirectsHttpToHttpsAndAnswersItsOwnHealthCheck() throws Exception {
    try (HttpClient http = client(HttpClient.Version.HTTP_1_1)) {
      HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + httpPort + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(redirect.statusCode()).isEqualTo(301);
      assertThat(redirect.headers().firstValue("location")).hasValue("https://localhost/v1/models");
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + httpPort + "/nginx-health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void proxiesTheApiAndKeepsMetricsOffTheInternet() throws Exception {
    try (HttpClient http = client(HttpClient.Version.HTTP_2)) {
      HttpResponse<String> models = http
          .send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/v1/models"))
              .header("x-api-key", GatewayHarness.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.headers().firstValue("request-id")).isPresent();
      assertThat(models.headers().firstValue("strict-transport-security")).isPresent();
      HttpResponse<String> metrics = http
          .send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/metrics"))
              .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void refusesBodiesOverTheGatewaysLimitAndPassesThoseUnderIt() throws Exception {
    try (HttpClient http = client(HttpClient.Version.HTTP_1_1)) {
      assertThat(postBytes(http, 33 * 1024 * 1024).statusCode()).isEqualTo(413);
      HttpResponse<String> underLimit = postBytes(http, 31 * 1024 * 1024);
      assertThat(underLimit.statusCode()).as("reaches the gateway, which judges the JSON").isEqualTo(400);
      assertThat(underLimit.body()).contains("invalid_request_error");
    }
  }

  private static HttpRequest streamRequest(String text) {
    return HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/v1/messages?beta=true"))
        .timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
        .header("accept-encoding", "gzip").header("authorization", "Bearer " + GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"))
        .build();
  }

  private static HttpResponse<String> postBytes(HttpClient http, int size) throws Exception {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/v1/messages"))
        .timeout(Duration.ofSeconds(30)).expectContinue(true)
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The production configuration with its addresses and file locations replaced (gateway, ports,
   * certificates, pid and temporary files), without the user directive (the tests do not run as
   * root) and deaf to the upstream's buffering hint; every other line is the production file's.
   */
  static Path testCopy(int gatewayPort, int plainPort, int tlsPort) throws IOException {
    String config = DeployFiles.read("deploy/nginx/nginx.conf");
    config = replaceOnce(config, "user nginx;\n", "");
    config = replaceOnce(config, "pid /var/run/nginx.pid;", "pid " + dir.resolve("nginx.pid") + ";");
    config = replaceOnce(config, "server claude-code:3000;", "server 127.0.0.1:" + gatewayPort + ";");
    config = replaceOnce(config, "listen 80 default_server;", "listen 127.0.0.1:" + plainPort + " default_server;");
    config = replaceOnce(config, "listen 443 ssl http2 default_server;",
        "listen 127.0.0.1:" + tlsPort + " ssl http2 default_server;");
    config = replaceOnce(config, "/etc/nginx/certs/fullchain.pem", certificates.certificatePem.toString());
    config = replaceOnce(config, "/etc/nginx/certs/privkey.pem", certificates.privateKeyPem.toString());
    // The gateway's own "x-accel-buffering: no" would hide a buffering nginx: the copy ignores it,
    // so the production file's settings alone must keep streams unbuffered.
    config = replaceOnce(config, "proxy_pass http://claude_code;",
        "proxy_pass http://claude_code;\n            proxy_ignore_headers X-Accel-Buffering;");
    assertThat(config).contains("/var/cache/nginx/");
    config = config.replace("/var/cache/nginx/", dir + "/");
    Path file = Files.createTempFile(dir, "nginx-", ".conf");
    return Files.writeString(file, config);
  }

  private static String replaceOnce(String text, String target, String replacement) {
    int at = text.indexOf(target);
    assertThat(at).as("deploy/nginx/nginx.conf contains \"" + target.strip() + "\"").isNotNegative();
    assertThat(text.indexOf(target, at + 1)).as("\"" + target.strip() + "\" appears once").isNegative();
    return text.replace(target, replacement);
  }

  private static HttpClient client(HttpClient.Version version) {
    return HttpClient.newBuilder().version(version).sslContext(certificates.clientContext())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** When each content_block_delta event's blank line was read. */
  private static List<Long> deltaArrivals(InputStream body) throws IOException {
    List<Long> arrivals = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.isEmpty() && event != null) {
          if (event.equals("content_block_delta")) {
            arrivals.add(System.nanoTime());
          }
          event = null;
        }
      }
    }
    return arrivals;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(int port) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!running.isAlive()) {
          throw new IllegalStateException("nginx exited:\n" + Files.readString(dir.resolve("nginx.out")));
        }
        Thread.sleep(50);
      }
    }
    throw new UncheckedIOException(new IOException("nginx does not listen on " + port + ":\n"
        + Files.readString(dir.resolve("nginx.out"))));
  }
}
