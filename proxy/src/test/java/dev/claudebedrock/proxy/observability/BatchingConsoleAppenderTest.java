package dev.claudebedrock.proxy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {
  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private BatchingConsoleAppender appender(int queueSize, int intervalMillis) {
    context.setMDCAdapter(new LogbackMDCAdapter());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%thread %msg%n");
    encoder.start();
    BatchingConsoleAppender appender = new BatchingConsoleAppender();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setQueueSize(queueSize);
    appender.setIntervalMillis(intervalMillis);
    appender.setOutputStream(out);
    appender.start();
    return appender;
  }

  private Logger logger(BatchingConsoleAppender appender) {
    Logger logger = context.getLogger("test");
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
    return logger;
  }

  @Test
  void writesEveryLineOfEveryThreadInOrderPerThreadAndNothingIsLostAtStop() throws InterruptedException {
    BatchingConsoleAppender appender = appender(64, 1);
    Logger logger = logger(appender);
    int threads = 4;
    int lines = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      writers.add(Thread.ofPlatform().name("w" + t).start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < lines; i++) {
          logger.info("line {}", i);
        }
      }));
    }
    go.countDown();
    for (Thread writer : writers) {
      writer.join();
    }
    appender.stop();

    List<String> written = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(written).hasSize(threads * lines);
    for (int t = 0; t < threads; t++) {
      String prefix = "w" + t + " ";
      List<String> own = written.stream().filter(l -> l.startsWith(prefix)).toList();
      assertThat(own).hasSize(lines);
      for (int i = 0; i < lines; i++) {
        assertThat(own.get(i)).isEqualTo(prefix + "line " + i);
      }
    }
  }

  @Test
  void linesReachTheStreamWithoutAStop() throws InterruptedException {
    BatchingConsoleAppender appender = appender(16, 1);
    logger(appender).info("hello");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (out.size() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(" hello" + System.lineSeparator());
    appender.stop();
  }

  @Test
  void refusesToStartWithoutAnEncoderOrWithABadQueueSize() {
    BatchingConsoleAppender none = new BatchingConsoleAppender();
    none.setContext(context);
    none.start();
    assertThat(none.isStarted()).isFalse();

    BatchingConsoleAppender zero = appender(0, 5);
    assertThat(zero.isStarted()).isFalse();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .anySatisfy(status -> assertThat(status.getMessage()).contains("queueSize >= 1").contains("got 0"));
  }

  @Test
  void stopIsIdempotent() {
    BatchingConsoleAppender appender = appender(8, 5);
    appender.stop();
    appender.stop();
    assertThat(appender.isStarted()).isFalse();
  }
}
