package dev.claudebedrock.proxy.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventPatternJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;

/**
 * The gateway's log format, set up in code: one JSON object per line on stdout with timestamp
 * (ISO-8601 UTC), lower-case level, service, message, logger, then the structured fields.
 *
 * <p>In code rather than {@code logback.xml} because reading XML configuration costs a few hundred
 * milliseconds of start-up. An operator who sets {@code -Dlogback.configurationFile} still gets it.
 */
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {
  /** The {@code service} field of every line. */
  public static final String SERVICE = "claude-code";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    BatchingConsoleAppender appender = new BatchingConsoleAppender();
    appender.setContext(context);
    appender.setName("JSON");
    appender.setEncoder(encoder(context));
    appender.start();

    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.WARN);
    context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
    context.getLogger(LogSetup.BODIES_LOGGER).setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The encoder of every line (package-private: tests encode lines with it). */
  static LoggingEventCompositeJsonEncoder encoder(LoggerContext context) {
    LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
    encoder.setContext(context);

    LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
    timestamp.setFieldName("timestamp");
    timestamp.setPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    timestamp.setTimeZone("UTC");
    LoggingEventPatternJsonProvider service = new LoggingEventPatternJsonProvider();
    service.setPattern("{\"service\":\"" + SERVICE + "\"}");
    LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
    logger.setFieldName("logger");
    logger.setShortenedLoggerNameLength(40);
    StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
    stackTrace.setFieldName("stack_trace");

    var providers = encoder.getProviders();
    providers.addProvider(timestamp);
    providers.addProvider(new LowercaseLevelJsonProvider());
    providers.addProvider(service);
    providers.addProvider(new MessageJsonProvider());
    providers.addProvider(logger);
    providers.addProvider(new ArgumentsJsonProvider());
    providers.addProvider(stackTrace);
    encoder.start();
    return encoder;
  }
}
