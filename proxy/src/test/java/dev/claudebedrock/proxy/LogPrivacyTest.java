package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.claudebedrock.proxy.config.LoggingConfig;
import dev.claudebedrock.proxy.observability.LogSetup;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No credential and no prompt text reaches the log, even at debug level, unless body logging is asked for. */
class LogPrivacyTest {
  private static final String PROMPT = "confidential-prompt-text-4711";
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;

  @BeforeEach
  void capture() {
    root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.INFO, "", false));
  }

  @Test
  void keepsCredentialsAndPromptsOutOfEveryLineEvenAtDebugLevel() {
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.DEBUG, "bedrock:*", false));
    try (GatewayHarness harness = GatewayHarness.start()) {
      harness.post("/v1/messages", StreamingTest.body(false, PROMPT));
      harness.post("/v1/messages", StreamingTest.body(true, PROMPT));
      harness.post("/bedrock/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/invoke",
          BedrockPassthroughTest.invokeBody(PROMPT));
      harness.post("/v1/messages", "{}", "authorization", "Bearer a-wrong-token-that-is-long");
    }
    List<String> lines = rendered();
    assertThat(lines).isNotEmpty().anySatisfy(l -> assertThat(l).contains("POST /v1/messages 200"));
    assertThat(lines).noneSatisfy(l -> assertThat(l).containsAnyOf(PROMPT, GatewayHarness.TOKEN,
        SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY, "a-wrong-token-that-is-long"));
  }

  @Test
  void logsBodiesOnlyWhenTheOperatorAsksForThem() {
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.INFO, "", true));
    try (GatewayHarness harness = GatewayHarness.start()) {
      harness.post("/v1/messages", StreamingTest.body(false, PROMPT));
    }
    assertThat(rendered()).anySatisfy(l -> assertThat(l).contains(PROMPT));
  }

  private List<String> rendered() {
    return captured.list.stream()
        .map(e -> e.getFormattedMessage() + " " + (e.getArgumentArray() == null ? "" : List.of(e.getArgumentArray())))
        .toList();
  }
}
