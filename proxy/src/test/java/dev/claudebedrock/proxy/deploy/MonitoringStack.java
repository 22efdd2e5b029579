package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.testing.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A real Prometheus and Alertmanager (the Debian packages) run from the shipped
 * {@code deploy/prometheus/prometheus.yml}, {@code alerts.yml} and
 * {@code deploy/alertmanager/alertmanager.yml}, changed only as {@code deploy/prometheus/tests/e2e-overlay.yml}
 * says: shorter intervals and {@code for:} durations, addresses on loopback, and the webhook receiver in place of
 * Slack. Both listen on loopback ports and keep their data in a temporary directory.
 */
final class MonitoringStack implements AutoCloseable {
  static final String OVERLAY = "deploy/prometheus/tests/e2e-overlay.yml";

  private final Path work;
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final int prometheusPort;
  private final int alertmanagerPort;

  private MonitoringStack(Path work, int prometheusPort, int alertmanagerPort) {
    this.work = work;
    this.prometheusPort = prometheusPort;
    this.alertmanagerPort = alertmanagerPort;
  }

  /** Starts both, scraping {@code gateway} ({@code host:port}) with {@code token}, and waits until they are ready. */
  static MonitoringStack start(String gateway, String token, WebhookReceiver receiver) throws IOException {
    Path prometheus = ExternalTools.require("prometheus", "prometheus");
    Path alertmanager = ExternalTools.require("prometheus-alertmanager", "prometheus-alertmanager");
    MonitoringStack stack = new MonitoringStack(Files.createTempDirectory("monitoring-e2e-"), freePort(), freePort());
    try {
      stack.writeConfigurations(gateway, token, receiver);
      stack.launch("alertmanager", List.of(alertmanager.toString(),
          "--config.file=" + stack.work.resolve("alertmanager.yml"),
          "--storage.path=" + stack.work.resolve("alertmanager-data"),
          "--web.listen-address=127.0.0.1:" + stack.alertmanagerPort,
          "--cluster.listen-address=", "--log.level=warn"));
      stack.launch("prometheus", List.of(prometheus.toString(),
          "--config.file=" + stack.work.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + stack.work.resolve("prometheus-data"),
          "--web.listen-address=127.0.0.1:" + stack.prometheusPort, "--log.level=warn"));
      stack.awaitReady(stack.alertmanagerUrl());
      stack.awaitReady(stack.prometheusUrl());
      return stack;
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  String prometheusUrl() {
    return "http://127.0.0.1:" + prometheusPort;
  }

  String alertmanagerUrl() {
    return "http://127.0.0.1:" + alertmanagerPort;
  }

  /** An instant query's {@code data.result}. */
  JsonNode query(String promql) {
    return api("/api/v1/query?query=" + encode(promql)).path("result");
  }

  /** A range query's {@code data.result}, as a Grafana panel asks for it. */
  JsonNode queryRange(String promql, Instant start, Instant end, Duration step) {
    return api("/api/v1/query_range?query=" + encode(promql) + "&start=" + start.getEpochSecond() + "&end="
        + end.getEpochSecond() + "&step=" + step.toSeconds()).path("result");
  }

  /** The values of a label on the series a selector matches (Grafana's {@code label_values(selector, label)}). */
  List<String> labelValues(String label, String selector) {
    List<String> values = new ArrayList<>();
    api("/api/v1/label/" + label + "/values?match[]=" + encode(selector)).forEach(v -> values.add(v.asText()));
    return values;
  }

  /** Alertmanager's version, as its status API reports it. */
  String alertmanagerVersion() {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(alertmanagerUrl() + "/api/v2/status"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return DeployFiles.JSON.readTree(response.body()).path("versionInfo").path("version").asText("?");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The alerts Prometheus holds now, pending and firing ({@code /api/v1/alerts}). */
  JsonNode alerts() {
    return api("/api/v1/alerts").path("alerts");
  }

  /** The last lines each process wrote, for a failure message. */
  String logs() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("prometheus", "alertmanager")) {
      try {
        List<String> lines = Files.readAllLines(work.resolve(name + ".log"));
        text.append("--- ").append(name).append(" (last 30 lines)\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
      } catch (IOException e) {
        text.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return text.toString();
  }

  private JsonNode api(String pathAndQuery) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl() + pathAndQuery))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = DeployFiles.JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new AssertionError(
            "Prometheus " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The shipped files with the overlay applied, written to the work directory. */
  private void writeConfigurations(String gateway, String token, WebhookReceiver receiver) throws IOException {
    JsonNode overlay = DeployFiles.yaml(OVERLAY);
    Files.writeString(work.resolve("scrape-token"), token + "\n");
    Files.writeString(work.resolve("alerts.yml"), DeployFiles.YAML.writeValueAsString(alertsWithOverlay(overlay)));

    ObjectNode prometheus = (ObjectNode) DeployFiles.yaml("deploy/prometheus/prometheus.yml");
    ObjectNode global = (ObjectNode) prometheus.path("global");
    overlay.path("prometheus").fields().forEachRemaining(e -> {
      assertThat(global.has(e.getKey())).as("prometheus.yml global." + e.getKey() + " (the overlay replaces it)")
          .isTrue();
      global.set(e.getKey(), e.getValue());
    });
    setTargets(prometheus.path("alerting").path("alertmanagers").get(0), "127.0.0.1:" + alertmanagerPort);
    prometheus.set("rule_files", DeployFiles.YAML.createArrayNode().add(work.resolve("alerts.yml").toString()));
    Set<String> jobs = new TreeSet<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      String name = job.path("job_name").asText();
      jobs.add(name);
      switch (name) {
        case "claude-code" -> {
          setTargets(job, gateway);
          ((ObjectNode) job.path("authorization")).put("credentials_file", work.resolve("scrape-token").toString());
        }
        case "prometheus" -> setTargets(job, "127.0.0.1:" + prometheusPort);
        case "alertmanager" -> setTargets(job, "127.0.0.1:" + alertmanagerPort);
        default -> throw new AssertionError("prometheus.yml has a scrape job the test does not know: " + name);
      }
    }
    assertThat(jobs).contains("claude-code");
    Files.writeString(work.resolve("prometheus.yml"), DeployFiles.YAML.writeValueAsString(prometheus));

    ObjectNode alertmanager = (ObjectNode) DeployFiles.yaml("deploy/alertmanager/alertmanager.yml");
    ObjectNode route = (ObjectNode) alertmanager.path("route");
    overlay.path("alertmanager").fields().forEachRemaining(e -> {
      assertThat(route.has(e.getKey())).as("alertmanager.yml route." + e.getKey() + " (the overlay replaces it)")
          .isTrue();
      route.set(e.getKey(), e.getValue());
    });
    alertmanager.set("templates", DeployFiles.YAML.createArrayNode()
        .add(DeployFiles.file("deploy/alertmanager/templates").toAbsolutePath() + "/*.tmpl"));
    for (JsonNode receiverNode : alertmanager.path("receivers")) {
      ObjectNode r = (ObjectNode) receiverNode;
      assertThat(r.remove("slack_configs")).as("receiver " + r.path("name").asText() + " posts to Slack").isNotNull();
      r.set("webhook_configs", DeployFiles.YAML.createArrayNode().add(DeployFiles.YAML.createObjectNode()
          .put("url", receiver.url(r.path("name").asText())).put("send_resolved", true)));
    }
    Files.writeString(work.resolve("alertmanager.yml"), DeployFiles.YAML.writeValueAsString(alertmanager));
  }

  /** alerts.yml with each rule's {@code for:} replaced by the overlay's, and nothing else changed. */
  static JsonNode alertsWithOverlay(JsonNode overlay) {
    JsonNode rules = DeployFiles.yaml("deploy/prometheus/alerts.yml");
    JsonNode durations = overlay.path("alert_for");
    Set<String> shipped = new TreeSet<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText();
        shipped.add(name);
        assertThat(durations.has(name)).as("alert " + name + " has an end-to-end scenario in " + OVERLAY).isTrue();
        ((ObjectNode) rule).put("for", durations.path(name).asText());
      }
    }
    assertThat(DeployFiles.names(durations)).as("alerts in " + OVERLAY).containsExactlyInAnyOrderElementsOf(shipped);
    return rules;
  }

  private static void setTargets(JsonNode config, String target) {
    ArrayNode targets = DeployFiles.YAML.createArrayNode().add(target);
    ((ObjectNode) config.path("static_configs").get(0)).set("targets", targets);
  }

  private void launch(String name, List<String> command) throws IOException {
    processes.add(new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile()).start());
  }

  private void awaitReady(String url) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("Prometheus or Alertmanager exited:\n" + logs());
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(url + " did not get ready within 30 s:\n" + logs());
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no failure
    }
  }
}
