package dev.claudebedrock.proxy.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.claudebedrock.proxy.config.LoggingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code LOG_LEVEL} and the {@code DEBUG} namespaces ({@code bedrock:*},
 * {@code bedrock:upstream}, ...) to the loggers of the matching components.
 */
public final class LogSetup {
  /** Debug namespaces and the loggers each one switches to debug level. */
  public static final Map<String, String> NAMESPACES = namespaces();

  /** Logger that writes request and response bodies (prompt text); off unless {@code logging.log_bodies}. */
  public static final String BODIES_LOGGER = "dev.claudebedrock.proxy.bodies";

  private LogSetup() {}

  private static Map<String, String> namespaces() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("bedrock:server", "dev.claudebedrock.proxy.server");
    map.put("bedrock:translate", "dev.claudebedrock.proxy.invoke");
    map.put("bedrock:upstream", "dev.claudebedrock.proxy.bedrock");
    map.put("bedrock:passthrough", "dev.claudebedrock.proxy.passthrough");
    map.put("bedrock:gateway", "dev.claudebedrock.proxy.gateway");
    map.put("bedrock:config", "dev.claudebedrock.proxy.config");
    map.put("bedrock:metrics", "dev.claudebedrock.proxy.observability");
    map.put("bedrock:access", "dev.claudebedrock.proxy.access");
    return Map.copyOf(map);
  }

  /** Applies the configuration; returns the namespaces of {@code DEBUG} nobody knows (for a warning). */
  public static java.util.List<String> apply(LoggingConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return java.util.List.of();
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.level().name(), Level.INFO));
    java.util.List<String> unknown = new java.util.ArrayList<>();
    for (String raw : config.debug().split("[,\\s]+")) {
      String namespace = raw.strip();
      if (namespace.isEmpty()) {
        continue;
      }
      if (namespace.equals("bedrock:*") || namespace.equals("*")) {
        NAMESPACES.values().forEach(logger -> context.getLogger(logger).setLevel(Level.DEBUG));
      } else if (NAMESPACES.containsKey(namespace)) {
        context.getLogger(NAMESPACES.get(namespace)).setLevel(Level.DEBUG);
      } else {
        unknown.add(namespace);
      }
    }
    context.getLogger(BODIES_LOGGER).setLevel(config.logBodies() ? Level.DEBUG : Level.OFF);
    return unknown;
  }
}
