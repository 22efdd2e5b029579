package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository's deployment files as the tests read them, and the external tools that check them. */
final class DeployFiles {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  private DeployFiles() {}

  /** The repository root (tests run in the proxy module's directory). */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(file(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A YAML file as a tree. */
  static JsonNode yaml(String relative) {
    try {
      JsonNode node = YAML.readTree(file(relative).toFile());
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      throw new UncheckedIOException(relative + ": " + e.getMessage(), e);
    }
  }

  /** Every document of a multi-document YAML file. */
  static List<JsonNode> yamlDocuments(Path file) {
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode json(String relative) {
    try {
      return JSON.readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(relative + ": " + e.getMessage(), e);
    }
  }

  /** Runs a program to completion and returns its exit status and combined output. */
  static Result run(List<String> command, Path workingDirectory) {
    try {
      Path output = Files.createTempFile("tool-", ".out");
      try {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(50, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail(command + " did not finish within 50 s");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Result(int exit, String output) {}

  /** The texts of a YAML or JSON list. */
  static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  /** The field names of a YAML or JSON object. */
  static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
