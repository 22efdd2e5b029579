package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.claudebedrock.proxy.testing.ExternalTools;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.proxy.testing.TestCertificates;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's Java runtime: a runtime linked from the Dockerfile's module list runs the gateway
 * (HTTP, streams, metrics, graceful exit), the doctor, and the simulator with the image's JVM
 * options, speaks TLS to AWS-like endpoints (certificate and host-name checks), and writes nothing
 * to its working directory. Adding a dependency that needs another JDK module fails here.
 */
class JlinkedRuntimeTest {
  private static final Pattern SIM_PORT = Pattern.compile("listening on [^:]+:(\\d+)");

  @TempDir
  static Path dir;

  private static Path javaBinary;
  private static List<String> jvmOptions;
  private static BedrockSimulator sim;
  private static TestCertificates certificates;
  private static HttpsServer tlsEndpoint;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void link() throws Exception {
    DockerfileModel dockerfile = DockerfileModel.read();
    javaBinary = linkedRuntime(dockerfile.jlinkModules()).resolve("bin").resolve("java");
    jvmOptions = dockerfile.jvmOptions();
    sim = BedrockSimulator.start(SimulatorConfig.builder().host("127.0.0.1").port(0).eventLoops(2).build());
    certificates = TestCertificates.create(dir);
    tlsEndpoint = startTlsEndpoint();
  }

  @AfterAll
  static void stop() {
    if (tlsEndpoint != null) {
      tlsEndpoint.stop(0);
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void runsTheGatewayAndExitsCleanlyOnSigterm() throws Exception {
    Path workingDirectory = Files.createDirectory(dir.resolve("gateway-cwd"));
    try (Child gateway = Child.start(command(List.of(), "dev.claudebedrock.proxy.Main"),
        gatewayEnvironment(sim.baseUrl()),
        workingDirectory)) {
      String url = "http://127.0.0.1:"
          + gateway.await(Pattern.compile("\"message\":\"Started proxy server\".*\"port\":(\\d+)"));

      assertThat(get(url + "/health").body()).contains("\"status\":\"healthy\"");
      HttpResponse<String> message = post(url + "/v1/messages", messageJson("Hello [[sim:tokens=4]]", false));
      assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
      assertThat(post(url + "/v1/messages", messageJson("Stream [[sim:tokens=4]]", true)).body())
          .contains("event: message_stop");
      assertThat(post(url + "/v1/messages/count_tokens", messageJson("Count", false)).statusCode()).isEqualTo(200);
      assertThat(get(url + "/metrics").body()).contains("process_cpu_usage ").contains("jvm_memory_used_bytes{")
          .contains("jvm_threads_live_threads ").contains("process_uptime_seconds ");

      gateway.process.destroy();
      assertThat(gateway.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(gateway.process.exitValue()).as(gateway.output()).isZero();
      assertThat(gateway.output()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException",
          "\"level\":\"error\"");
    }
    try (Stream<Path> written = Files.list(workingDirectory)) {
      assertThat(written).as("files written to the working directory").isEmpty();
    }
  }

  @Test
  void runsTheDoctorAgainstTheSimulator() throws Exception {
    Map<String, String> env = gatewayEnvironment(sim.baseUrl());
    Child.Result doctor = Child.run(command(List.of(), "dev.claudebedrock.proxy.Main", "doctor", "--model", "sonnet"),
        env, dir);

    assertThat(doctor.exit()).as(doctor.output()).isZero();
    assertThat(doctor.output()).contains("[ ok ] Java runtime").contains("TLS 1.3")
        .contains("[ ok ] Caller identity: account 123456789012").contains("[ ok ] Model sonnet");
  }

  @Test
  void speaksTlsWithCertificateAndHostNameChecks() throws Exception {
    String endpoint = "https://localhost:" + tlsEndpoint.getAddress().getPort();
    List<String> trust = List.of("-Djavax.net.ssl.trustStore=" + certificates.trustStore,
        "-Djavax.net.ssl.trustStorePassword=" + new String(TestCertificates.PASSWORD));

    Child.Result doctor = Child.run(command(trust, "dev.claudebedrock.proxy.Main", "doctor", "--model", "sonnet"),
        gatewayEnvironment(endpoint), dir);
    assertThat(doctor.exit()).as(doctor.output()).isZero();
    assertThat(doctor.output())
        .contains("[ ok ] Caller identity: account 123456789012, arn:aws:iam::123456789012:user/tls")
        .contains("[ ok ] Model sonnet");

    try (Child gateway = Child.start(command(trust, "dev.claudebedrock.proxy.Main"), gatewayEnvironment(endpoint),
        dir)) {
      String url = "http://127.0.0.1:"
          + gateway.await(Pattern.compile("\"message\":\"Started proxy server\".*\"port\":(\\d+)"));
      HttpResponse<String> message = post(url + "/v1/messages", messageJson("Hello", false));
      assertThat(message.statusCode()).as(message.body() + "\n" + gateway.output()).isEqualTo(200);
      assertThat(message.body()).contains("over TLS");
    }

    Child.Result untrusted = Child.run(
        command(List.of(), "dev.claudebedrock.proxy.Main", "doctor", "--model", "sonnet"),
        gatewayEnvironment(endpoint), dir);
    assertThat(untrusted.exit()).as("the default trust store does not know the test certificate").isEqualTo(1);
    assertThat(untrusted.output()).contains("TLS with " + endpoint + " failed");
  }

  @Test
  void runsTheSimulatorForTheOfflineImage() throws Exception {
    try (Child simulator = Child
        .start(command(List.of(), "dev.claudebedrock.sim.Main", "--port", "0", "--host", "127.0.0.1",
            "--control-api"), Map.of(), dir)) {
      String port = simulator.await(SIM_PORT);
      assertThat(get("http://127.0.0.1:" + port + "/_sim/health").statusCode()).isEqualTo(200);
    }
  }

  private static Map<String, String> gatewayEnvironment(String endpoint) {
    Map<String, String> env = new HashMap<>(GatewayHarness.gatewayEnvironment(sim));
    env.put("BEDROCK_ENDPOINT", endpoint);
    env.put("AWS_ENDPOINT_URL_STS", endpoint);
    env.put("PORT", "0");
    env.put("BEDROCK_PROXY_SERVER_HOST", "127.0.0.1");
    env.put("BEDROCK_PROXY_SERVER_EVENT_LOOPS", "2");
    env.put("BEDROCK_PROXY_UPSTREAM_HTTP_VERSION", "1.1");
    env.put("HOME", dir.toString());
    return env;
  }

  private static List<String> command(List<String> extraOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary.toString());
    command.addAll(jvmOptions);
    command.addAll(extraOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /** The runtime jlink makes from the module list, kept in target/ between runs. */
  private static Path linkedRuntime(List<String> modules) throws Exception {
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    if (!Files.isExecutable(jlink)) {
      jlink = ExternalTools.require("jlink", "openjdk-21-jdk-headless");
    }
    String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest((System.getProperty("java.home") + Runtime.version() + modules).getBytes(StandardCharsets.UTF_8)), 0,
        6);
    Path runtime = DeployFiles.file("proxy/target/jlink-runtime-" + key);
    if (Files.isRegularFile(runtime.resolve("release"))) {
      return runtime;
    }
    DeployFiles.Result linked = DeployFiles.run(List.of(jlink.toString(), "--add-modules", String.join(",", modules),
        "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=zip-6", "--output", runtime.toString()),
        dir);
    assertThat(linked.exit()).as(linked.output()).isZero();
    return runtime;
  }

  /** An HTTPS endpoint answering like STS (GetCallerIdentity) and Bedrock InvokeModel, with the test certificate. */
  private static HttpsServer startTlsEndpoint() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.keyStore)) {
      keys.load(in, TestCertificates.PASSWORD);
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, TestCertificates.PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().equals("/")) {
        reply(exchange, "text/xml", "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/tls-test</Arn><UserId>AIDATLSTEST</UserId>"
            + "<Account>123456789012</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>tls-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
      } else {
        reply(exchange, "application/json", "{\"id\":\"msg_tls\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"over TLS\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}");
      }
    });
    server.start();
    return server;
  }

  private static void reply(HttpExchange exchange, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", contentType);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String messageJson(String text, boolean stream) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("x-api-key", GatewayHarness.TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JVM of the linked runtime, its output in a file. */
  private record Child(Process process, Path log) implements AutoCloseable {
    record Result(int exit, String output) {}

    static Child start(List<String> command, Map<String, String> env, Path workingDirectory) throws IOException {
      Path log = Files.createTempFile(dir, "child-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      return new Child(builder.start(), log);
    }

    static Result run(List<String> command, Map<String, String> env, Path workingDirectory) throws Exception {
      try (Child child = start(command, env, workingDirectory)) {
        assertThat(child.process.waitFor(40, TimeUnit.SECONDS)).as(child.output()).isTrue();
        return new Result(child.process.exitValue(), child.output());
      }
    }

    /** Waits for an output line matching the pattern and returns its first group. */
    String await(Pattern line) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        Matcher m = line.matcher(output());
        if (m.find()) {
          return m.group(1);
        }
        if (!process.isAlive()) {
          throw new AssertionError("exited with " + process.exitValue() + ":\n" + output());
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no line matching " + line + " within 30 s:\n" + output());
    }

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
