package dev.claudebedrock.bench.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The request bodies the load generator sends. */
public enum BodyKind {
  /** One short user message: the cost of the request path itself. */
  SMALL("small", "Small request", 0),
  /** About 50 KB shaped like Claude Code's first request: system blocks, twelve tools, betas, thinking. */
  CLAUDE_CODE("claude-code", "Claude Code-sized request (about 50 KB)", 0),
  /** A short conversation of about 5 KB: the small body after earlier turns. */
  SIZE_5_KB("5kb", "5 KB conversation", 5_000),
  /** Claude Code's request later in a session, about 500 KB: earlier turns before its first request's messages. */
  SIZE_500_KB("500kb", "500 KB Claude Code conversation", 500_000),
  /** The same with a large context, about 2 MB. */
  SIZE_2_MB("2mb", "2 MB Claude Code conversation", 2_000_000);

  /** The bodies of the size-scaling table, smallest first (the 50 KB one is Claude Code's first request). */
  public static final java.util.List<BodyKind> SIZES = java.util.List.of(SIZE_5_KB, CLAUDE_CODE, SIZE_500_KB,
      SIZE_2_MB);

  private final String label;
  private final String title;
  private final int targetBytes;

  BodyKind(String label, String title, int targetBytes) {
    this.label = label;
    this.title = title;
    this.targetBytes = targetBytes;
  }

  /** What the report calls it. */
  public String title() {
    return title;
  }

  /** The size earlier turns of the conversation bring the body to; 0 for the bodies of a fixed shape. */
  public int targetBytes() {
    return targetBytes;
  }

  /** Whether it is Claude Code's request (its betas, tools, thinking), at the start of a session or later. */
  public boolean claudeCode() {
    return this == CLAUDE_CODE || this == SIZE_500_KB || this == SIZE_2_MB;
  }

  /** The name on the command line and in the report. */
  public String label() {
    return label;
  }

  /** The kind a label names. */
  public static BodyKind parse(String label) {
    return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--body " + label + ": expected one of "
            + Arrays.stream(values()).map(BodyKind::label).collect(Collectors.joining(", "))));
  }
}
