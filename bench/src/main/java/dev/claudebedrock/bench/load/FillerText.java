package dev.claudebedrock.bench.load;

import java.util.SplittableRandom;

/** Deterministic prose-like text of an exact length, so bodies are the same on every run and machine. */
final class FillerText {
  private static final String[] WORDS = {
      "the", "tool", "runs", "a", "command", "in", "working", "directory", "and", "returns", "its", "output", "when",
      "user", "asks", "for", "changes", "read", "file", "first", "prefer", "editing", "existing", "files", "over",
      "creating", "new", "ones", "never", "commit", "unless", "asked", "git", "status", "tests", "should", "pass",
      "before", "you", "report", "results", "keep", "answers", "short", "use", "absolute", "paths"};

  private final SplittableRandom random;

  FillerText(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Words separated by spaces (a full stop now and then), cut to exactly {@code length} characters. */
  String text(int length) {
    StringBuilder text = new StringBuilder(length + 16);
    while (text.length() < length) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
    }
    text.setLength(length);
    return text.toString();
  }
}
