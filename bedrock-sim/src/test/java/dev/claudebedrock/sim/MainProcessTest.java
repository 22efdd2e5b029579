package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.sim.testing.Bodies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The main class in its own process: exit codes, the start-up line, and serving until stopped. */
class MainProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  @Test
  void exitsWithTwoAndNamesABadFlag() throws Exception {
    Process process = java("--port", "nine");

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("--port expects an integer").contains("Usage:");
  }

  @Test
  void printsHelpAndExitsWithZero() throws Exception {
    Process process = java("--help");

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("--tokens-per-second");
  }

  @Test
  void logsOneStartUpLineWithoutTheSecretAndServes() throws Exception {
    Process process = java("--port", "0", "--host", "127.0.0.1", "--secret-access-key", "do-not-print-me");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      Matcher matcher = null;
      for (String line; matcher == null && (line = out.readLine()) != null;) {
        lines.add(line);
        Matcher m = LISTENING.matcher(line);
        matcher = m.find() ? m : null;
      }
      assertThat(matcher).as("start-up line in %s", lines).isNotNull();
      assertThat(lines.getLast()).contains("region us-east-1", "access key id AKIDSIMULATOREXAMPLE")
          .doesNotContain("do-not-print-me");

      int port = Integer.parseInt(matcher.group(1));
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke"))
          .header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Bodies.invoke("from a process").toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).contains("from a process");
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Process java(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }
}
