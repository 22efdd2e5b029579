package dev.claudebedrock.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.bench.run.TestRepository;
import dev.claudebedrock.bench.run.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The short version of the reliability campaign ({@code scripts/reliability.sh smoke}) against the
 * jars the reactor just built, so CI runs it: a few upstream faults and bad inputs, each row of what
 * the client saw checked against what docs/reliability.md promises. Loopback only, bounded by curl's
 * timeouts and a deadline here.
 */
class ReliabilitySmokeTest {

  @Test
  void clientsSeeWhatTheReliabilityPageSays() throws IOException, InterruptedException {
    Tools tools = TestRepository.tools();
    ProcessBuilder script = new ProcessBuilder("bash", "scripts/reliability.sh", "smoke")
        .directory(TestRepository.root().toFile()).redirectErrorStream(true);
    script.environment().put("GATEWAY_JAR", tools.proxyJar().toString());
    script.environment().put("SIM_JAR", tools.simulatorJar().toString());
    script.environment().put("JAVA_HOME", tools.java().getParent().getParent().toString());
    Process process = script.start();
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the smoke run ends by itself: %s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    List<String> rows = output.lines().filter(line -> line.startsWith("| ")).toList();
    assertThat(row(rows, "| none | v1-stream |")).contains("| 200 |").contains("last event message_stop");
    assertThat(row(rows, "| connection dropped before any byte | v1 |")).as("retried").contains("| 200 |");
    assertThat(row(rows, "| connection dropped after 3 events | v1-stream |"))
        .contains("| 200 |").contains("last event error (api_error)");
    assertThat(row(rows, "| connection dropped after 3 events | bedrock-stream |"))
        .contains("| 200 |").contains("then internalServerException");
    assertThat(row(rows, "| stall after 3 events, 10 s | bedrock-stream |")).contains("then modelStreamErrorException");
    assertThat(row(rows, "| duplicate JSON key |")).contains("| 400 |");
    assertThat(row(rows, "| body of 25.1 MB")).contains("| 413 |");
    assertThat(row(rows, "| request line HTTP/9.9 |")).contains("505");
  }

  private static String row(List<String> rows, String start) {
    return rows.stream().filter(line -> line.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no row starting with " + start + " in " + rows));
  }
}
