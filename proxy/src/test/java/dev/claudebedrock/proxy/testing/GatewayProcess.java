package dev.claudebedrock.proxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.Main;
import dev.claudebedrock.proxy.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The gateway as its own process, started like the jar is (same main class and classpath), output captured. */
public final class GatewayProcess implements AutoCloseable {
  private final Process process;
  private final Path output;
  private final int port;

  private GatewayProcess(Process process, Path output) throws InterruptedException {
    this.process = process;
    this.output = output;
    this.port = awaitPort();
  }

  public static GatewayProcess start(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return start(null, env, args);
  }

  /** In a working directory of its own ({@code null}: this process's). */
  public static GatewayProcess start(Path workdir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    // A process started under nohup (a CI runner, a hand-run script) hands SIGHUP down as ignored, and the JVM
    // then leaves it ignored; the gateway starts here as a supervisor would start it, with SIGHUP at its default.
    List<String> command = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=HUP",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("gateway-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    if (workdir != null) {
      builder.directory(workdir.toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(env);
    return new GatewayProcess(builder.start(), output);
  }

  private int awaitPort() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();   // a loaded machine starts a JVM slowly
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        JsonNode json = parse(line);
        if (json != null && "Started proxy server".equals(json.path("message").asText())) {
          return json.get("port").asInt();
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the gateway exited with " + process.exitValue() + ":\n" + String.join("\n", lines()));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the gateway did not start:\n" + String.join("\n", lines()));
  }

  /** A small Messages request. */
  public static final String HELLO = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A request with a bearer token and, when given, a JSON body. */
  public HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer " + token)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("content-type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON document's tree. */
  public static JsonNode json(String text) throws IOException {
    return Json.MAPPER.readTree(text);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Sends SIGTERM, as a container runtime does. */
  public void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL, as a crash or the OOM killer would, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Sends a signal by name ({@code HUP}, say), as an operator's {@code kill -HUP} does. */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " failed with " + kill.exitValue());
    }
  }

  /** Waits for the exit and returns its code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the gateway did not exit within " + timeout);
    }
    return process.exitValue();
  }

  /** Every complete line written so far. */
  public List<String> lines() {
    try {
      String text = Files.readString(output, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(output);
  }
}
