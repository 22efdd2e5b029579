package dev.claudebedrock.proxy.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as configuration sees it: {@code NAME} or, for Docker and Kubernetes
 * secrets, {@code NAME_FILE} naming a file that holds the value.
 */
public record Environment(Map<String, String> variables) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The real process environment. */
  public static Environment system() {
    return new Environment(System.getenv());
  }

  /** A value set directly or through {@code NAME_FILE}; the direct value wins. */
  public Optional<Setting> lookup(String name) {
    String direct = variables.get(name);
    if (direct != null && !direct.isEmpty()) {
      return Optional.of(new Setting(direct, "environment variable " + name));
    }
    String file = variables.get(name + "_FILE");
    if (file != null && !file.isEmpty()) {
      try {
        String content = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        return Optional.of(new Setting(content, "file " + file + " (from " + name + "_FILE)"));
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(
            name + "_FILE = \"" + file + "\": cannot read the file (" + e.getClass().getSimpleName()
                + "); it must name a readable file that holds the value of " + name);
      }
    }
    return Optional.empty();
  }

  /** A raw value and where it came from, for error messages. */
  public record Setting(String value, String origin) {}
}
