package dev.claudebedrock.proxy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The queries of every panel of every dashboard in {@code deploy/grafana/dashboards}, and how Grafana fills in
 * their variables before sending them to Prometheus: the dashboard's template variables ({@code $instance}) and
 * Grafana's own ({@code $__interval}, {@code $__rate_interval}), computed from the provisioned data source's
 * scrape interval ({@code jsonData.timeInterval}) as Grafana computes them.
 */
final class DashboardPanels {
  static final String DIRECTORY = "deploy/grafana/dashboards";
  /** Characters Grafana escapes in a variable's value used inside a Prometheus regular expression. */
  private static final String REGEX_SPECIAL = "\\^$*+?.()|[]{}";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
  /** Data points Grafana asks for across a panel (its width in pixels, give or take). */
  private static final int MAX_DATA_POINTS = 1000;

  /** One query of one panel. */
  record Query(String dashboard, String panel, String refId, String expr, boolean instant) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + " / " + refId + (instant ? " (instant)" : "") + ": " + expr;
    }
  }

  /** A query template variable ({@code label_values(selector, label)}) of a dashboard. */
  record Variable(String dashboard, String name, String selector, String label, String allValue) {}

  private DashboardPanels() {}

  /** Every panel query, rows' nested panels included. */
  static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonNode board = read(file);
      collect(board.path("title").asText(), board.path("panels"), queries);
    }
    return queries;
  }

  /** Every query variable of every dashboard. */
  static List<Variable> variables() {
    Pattern labelValues = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    List<Variable> variables = new ArrayList<>();
    for (Path file : files()) {
      JsonNode board = read(file);
      for (JsonNode variable : board.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          Matcher m = labelValues.matcher(variable.path("definition").asText());
          if (!m.matches()) {
            throw new AssertionError(file.getFileName() + ": variable " + variable.path("name").asText()
                + " is not label_values(selector, label): " + variable.path("definition").asText());
          }
          variables
              .add(new Variable(board.path("title").asText(), variable.path("name").asText(), m.group(1), m.group(2),
                  variable.path("allValue").asText(null)));
        }
      }
    }
    return variables;
  }

  /** The value Grafana puts in a query for a variable set to these values ("All" is {@code allValue}). */
  static String regexValue(List<String> selected) {
    List<String> escaped = selected.stream().map(DashboardPanels::escapeRegex).toList();
    return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
  }

  private static String escapeRegex(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (REGEX_SPECIAL.indexOf(c) >= 0) {
        out.append("\\\\");
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The data source's scrape interval, as provisioned ({@code jsonData.timeInterval}). */
  static Duration scrapeInterval() {
    JsonNode source = DeployFiles.yaml("deploy/grafana/provisioning/datasources/prometheus.yml").path("datasources")
        .get(0);
    return parseDuration(source.path("jsonData").path("timeInterval").asText("15s"));
  }

  /** Grafana's {@code $__interval} for a panel over {@code range}: the range over the data points, at least the scrape interval. */
  static Duration interval(Duration range) {
    Duration perPoint = Duration.ofSeconds((range.toSeconds() + MAX_DATA_POINTS - 1) / MAX_DATA_POINTS);
    Duration scrape = scrapeInterval();
    return perPoint.compareTo(scrape) > 0 ? perPoint : scrape;
  }

  /** Grafana's {@code $__rate_interval}: max($__interval + scrape interval, 4 × scrape interval). */
  static Duration rateInterval(Duration range) {
    Duration scrape = scrapeInterval();
    Duration sum = interval(range).plus(scrape);
    Duration four = scrape.multipliedBy(4);
    return sum.compareTo(four) > 0 ? sum : four;
  }

  /** The query with every variable replaced; a variable it does not know fails. */
  static String bind(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        throw new AssertionError("no value for variable $" + name + " in " + expr);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code 1m} → 60 s, as Grafana and Prometheus write durations. */
  static String promDuration(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  private static Duration parseDuration(String text) {
    Matcher m = Pattern.compile("(\\d+)([smh])").matcher(text);
    if (!m.matches()) {
      throw new AssertionError("unexpected duration " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static void collect(String dashboard, JsonNode panels, List<Query> queries) {
    for (JsonNode panel : panels) {
      collect(dashboard, panel.path("panels"), queries);
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query(dashboard, panel.path("title").asText(), target.path("refId").asText(),
            target.path("expr").asText(), target.path("instant").asBoolean(false)));
      }
    }
  }

  private static List<Path> files() {
    try (Stream<Path> files = Files.list(DeployFiles.file(DIRECTORY))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return DeployFiles.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
