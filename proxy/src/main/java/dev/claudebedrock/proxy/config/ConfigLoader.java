package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and reads the configuration: {@code --config PATH}, else {@code BEDROCK_CONFIG}, else
 * {@code .claude/bedrock.config.yaml} in the working directory if it exists, else defaults;
 * environment variables override every key.
 */
public final class ConfigLoader {
  /** The configuration file looked for in the working directory. */
  public static final Path DEFAULT_FILE = Path.of(".claude", "bedrock.config.yaml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /** Loads the configuration for a command line's {@code --config} value (may be empty). */
  public static ProxyConfig load(Optional<Path> explicitFile, Environment env) {
    return ConfigSource.locate(explicitFile, env).load();
  }

  /** Reads one file. */
  public static ProxyConfig fromFile(Path file, Environment env) {
    try {
      return fromYaml(Files.readString(file), file.toString(), env);
    } catch (IOException e) {
      throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads YAML text (tests and embedded use). */
  public static ProxyConfig fromYaml(String yaml, String origin, Environment env) {
    JsonNode root;
    try {
      root = yaml.isBlank() ? null : YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException("Configuration file " + origin + " is not valid YAML" + where + ": "
          + e.getOriginalMessage(), e);
    }
    return ProxyConfig.read(new ConfigSection("", root, env, origin), origin);
  }
}
