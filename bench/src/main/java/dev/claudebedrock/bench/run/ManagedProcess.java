package dev.claudebedrock.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program the bench started, its output in a log file; closing it stops it (SIGTERM, then SIGKILL). */
public final class ManagedProcess implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 20;

  private final String name;
  private final Process process;
  private final Path log;
  private final long startNanos;

  private ManagedProcess(String name, Process process, Path log, long startNanos) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.startNanos = startNanos;
  }

  /** Starts a command in {@code directory} with exactly {@code environment}; output goes to {@code log}. */
  static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path directory,
      Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    long startNanos = System.nanoTime();
    try {
      return new ManagedProcess(name, builder.start(), log, startNanos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.getFirst() + ")", e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** {@link System#nanoTime} just before the process was started. */
  public long startNanos() {
    return startNanos;
  }

  public boolean isAlive() { return process.isAlive(); }

  /** Fails with the end of the log when the process has exited. */
  void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; its log ends:\n"
          + logTail());
    }
  }

  /** The last lines of the log, for error messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Sends SIGTERM and waits up to {@code grace} for the exit, then kills; returns the exit status. */
  public int stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(STOP_GRACE);
    }
  }
}
