package dev.claudebedrock.proxy.config;

import java.util.Set;

/**
 * Log output.
 *
 * @param level root level ({@code LOG_LEVEL})
 * @param debug debug namespaces ({@code DEBUG}, e.g. {@code bedrock:*} or {@code bedrock:upstream,bedrock:auth})
 * @param logBodies log request and response bodies at debug level (prompt text: off unless asked for)
 */
public record LoggingConfig(String level, String debug, boolean logBodies) {

  static LoggingConfig read(ConfigSection s) {
    LoggingConfig config = new LoggingConfig(
        s.oneOf("level", "info", Set.of("trace", "debug", "info", "warn", "error")),
        s.string("debug", ""),
        s.bool("log_bodies", false));
    s.finish();
    return config;
  }
}
