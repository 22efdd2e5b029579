package dev.claudebedrock.bench.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The request bodies the load generator sends. */
public enum BodyKind {
  /** One short user message: the cost of the request path itself. */
  SMALL("small"),
  /** About 50 KB shaped like Claude Code's first request: system blocks, twelve tools, betas, thinking. */
  CLAUDE_CODE("claude-code");

  private final String label;

  BodyKind(String label) {
    this.label = label;
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
