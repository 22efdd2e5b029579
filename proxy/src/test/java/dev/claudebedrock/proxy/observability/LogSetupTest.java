package dev.claudebedrock.proxy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.claudebedrock.proxy.config.LoggingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void reset() {
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.INFO, "", false));
    LogSetup.NAMESPACES.values().forEach(name -> context.getLogger(name).setLevel(null));
  }

  @Test
  void setsTheRootLevelFromLogLevel() {
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.WARN, "", false));
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void switchesOnOneComponentOrAllOfThem() {
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.INFO, "bedrock:upstream", false));
    assertThat(context.getLogger("dev.claudebedrock.proxy.bedrock").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("dev.claudebedrock.proxy.server").getEffectiveLevel()).isEqualTo(Level.INFO);

    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.INFO, "bedrock:*", false));
    assertThat(context.getLogger("dev.claudebedrock.proxy.server.Authenticate").getEffectiveLevel())
        .isEqualTo(Level.DEBUG);
  }

  @Test
  void keepsBodiesOutOfTheLogEvenAtDebugUnlessAskedFor() {
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.DEBUG, "bedrock:*", false));
    assertThat(context.getLogger(LogSetup.BODIES_LOGGER).isDebugEnabled()).isFalse();
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.DEBUG, "", true));
    assertThat(context.getLogger(LogSetup.BODIES_LOGGER).isDebugEnabled()).isTrue();
  }

  @Test
  void reportsNamespacesItDoesNotKnow() {
    assertThat(LogSetup.apply(new LoggingConfig(LoggingConfig.Level.INFO, "bedrock:upstream,bedrock:nonsense", false)))
        .containsExactly("bedrock:nonsense");
  }
}
