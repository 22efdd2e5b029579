package dev.claudebedrock.proxy.config;

/**
 * Log output.
 *
 * @param level root level ({@code LOG_LEVEL})
 * @param debug debug namespaces ({@code DEBUG}, e.g. {@code bedrock:*} or {@code bedrock:upstream,bedrock:auth})
 * @param logBodies log request and response bodies at debug level (prompt text: off unless asked for)
 */
public record LoggingConfig(Level level, String debug, boolean logBodies) {

  /** Log levels, quietest last. */
  public enum Level implements ConfigWord {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    @Override
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static LoggingConfig read(ConfigSection s) {
    LoggingConfig config = new LoggingConfig(
        s.choice("level", Level.INFO),
        s.string("debug", ""),
        s.bool("log_bodies", false));
    s.finish();
    return config;
  }
}
