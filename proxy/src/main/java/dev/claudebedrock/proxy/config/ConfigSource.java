package dev.claudebedrock.proxy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the configuration comes from, kept so that it can be read again while the gateway serves: the file (or
 * none) and the environment, whose {@code <NAME>_FILE} secrets are reread on every {@link #load()}.
 */
public final class ConfigSource {
  private final Path file;
  private final String yaml;
  private final String origin;
  private final Environment env;
  private final ProxyConfig fixed;

  private ConfigSource(Path file, String yaml, String origin, Environment env) {
    this(file, yaml, origin, env, null);
  }

  private ConfigSource(Path file, String yaml, String origin, Environment env, ProxyConfig fixed) {
    this.file = file;
    this.yaml = yaml;
    this.origin = origin;
    this.env = env;
    this.fixed = fixed;
  }

  /**
   * The command line's choice: {@code --config PATH}, else {@code BEDROCK_CONFIG}, else
   * {@code .claude/bedrock.config.yaml} in the working directory if it exists, else the built-in defaults.
   */
  public static ConfigSource locate(Optional<Path> explicitFile, Environment env) {
    Optional<Path> file = explicitFile.or(() -> env.lookup("BEDROCK_CONFIG").map(s -> Path.of(s.value())));
    if (file.isPresent()) {
      if (!Files.isRegularFile(file.get())) {
        throw new ConfigException("Configuration file " + file.get() + " does not exist or is not a file"
            + " (given by " + (explicitFile.isPresent() ? "--config" : "BEDROCK_CONFIG") + ")");
      }
      return new ConfigSource(file.get(), null, file.get().toString(), env);
    }
    if (Files.isRegularFile(ConfigLoader.DEFAULT_FILE)) {
      return new ConfigSource(ConfigLoader.DEFAULT_FILE, null, ConfigLoader.DEFAULT_FILE.toString(), env);
    }
    return new ConfigSource(null, "", "built-in defaults", env);
  }

  /** A configuration file. */
  public static ConfigSource file(Path file, Environment env) {
    return new ConfigSource(file, null, file.toString(), env);
  }

  /** YAML text given in code (tests, embedded use): a reload reads the same text and rereads the secrets' files. */
  public static ConfigSource yaml(String yaml, String origin, Environment env) {
    return new ConfigSource(null, yaml, origin, env);
  }

  /** A configuration built in code: a reload serves it again as it is. */
  public static ConfigSource fixed(ProxyConfig config, Environment env) {
    return new ConfigSource(null, null, config.source(), env, config);
  }

  /** Reads and validates the configuration, now; throws {@link ConfigException} saying what is wrong. */
  public ProxyConfig load() {
    if (fixed != null) {
      return fixed;
    }
    return file != null ? ConfigLoader.fromFile(file, env) : ConfigLoader.fromYaml(yaml, origin, env);
  }

  /** The environment the configuration is read with. */
  public Environment environment() {
    return env;
  }

  /**
   * The files whose change should reload the configuration: the configuration file, and the files that hold
   * configuration values through {@code <NAME>_FILE} (rotated Docker and Kubernetes secrets).
   */
  public List<Path> watchedFiles() {
    List<Path> files = new ArrayList<>();
    if (file != null) {
      files.add(file);
    }
    for (Map.Entry<String, String> variable : env.variables().entrySet()) {
      String name = variable.getKey();
      if (name.endsWith("_FILE") && !variable.getValue().isEmpty()
          && EnvNames.isConfigurationVariable(name.substring(0, name.length() - "_FILE".length()))) {
        files.add(Path.of(variable.getValue()));
      }
    }
    return List.copyOf(files);
  }
}
