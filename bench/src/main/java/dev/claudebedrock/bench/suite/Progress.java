package dev.claudebedrock.bench.suite;

import java.io.PrintStream;
import java.util.Locale;

/** One line per step on the console, with the seconds since the run began, so a long run shows it is alive. */
public final class Progress {
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void line(String text) {
    out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, text);
  }
}
