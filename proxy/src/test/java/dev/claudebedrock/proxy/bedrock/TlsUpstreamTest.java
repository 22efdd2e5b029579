package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.Endpoint;
import dev.claudebedrock.proxy.config.UpstreamConfig;
import dev.claudebedrock.proxy.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upstream client over TLS, as it talks to Bedrock: a private CA trusted through
 * {@code AWS_CA_BUNDLE}, HTTP/2 negotiated with ALPN or HTTP/1.1, and one host — the signed one —
 * whatever the protocol (HTTP/2 forbids a host header beside {@code :authority}).
 */
class TlsUpstreamTest {
  @TempDir
  static Path dir;
  private static Vertx vertx;
  private static HttpServer server;
  private static TestCertificates certificates;
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir);
    vertx = Vertx.vertx();
    server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
        .setKeyCertOptions(new PfxOptions().setPath(certificates.keyStore.toString())
            .setPassword(new String(TestCertificates.PASSWORD))))
        .requestHandler(request -> {
          seen.add(
              request.version() + " authority=" + request.authority() + " host=" + request.headers().getAll("host"));
          request.response().putHeader("content-type", "application/json").end("{}");
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "http_version {0} → {1}")
  @CsvSource({"auto, HTTP_2", "2, HTTP_2", "1.1, HTTP_1_1"})
  void sendsTheSignedHostOnceOverEachProtocol(String httpVersion, HttpVersion expected) throws Exception {
    seen.clear();
    UpstreamConfig.HttpVersion version = Arrays.stream(UpstreamConfig.HttpVersion.values())
        .filter(v -> v.word().equals(httpVersion)).findFirst().orElseThrow();
    UpstreamConfig config = new UpstreamConfig(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5), 10,
        Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), version,
        certificates.certificatePem.toString());
    BedrockHttpClient client = new BedrockHttpClient(vertx, config, 1);
    Endpoint endpoint = Endpoint.parse("https://127.0.0.1:" + server.actualPort());
    SignableRequest request = new SignableRequest("GET", endpoint, "/inference-profiles",
        HttpHeaders.headers().add("host", endpoint.authority()).add("accept", "application/json"), null);

    int status = client.send(request, cancel -> {}).await(10, TimeUnit.SECONDS).statusCode();

    assertThat(status).isEqualTo(200);
    String authority = "127.0.0.1:" + server.actualPort();
    assertThat(seen).singleElement().isEqualTo(expected == HttpVersion.HTTP_2
        ? "HTTP_2 authority=" + authority + " host=[]"
        : "HTTP_1_1 authority=" + authority + " host=[" + authority + "]");
    client.close();
  }
}
