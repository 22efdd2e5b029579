package dev.claudebedrock.bench.profile;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.Workload;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What a profile sends through the gateway, and how many requests by default (a few seconds each on two cores). */
public enum Scenario {
  /** One short message, 20 reply tokens: the request path itself. */
  SMALL("small", new Workload(BodyKind.SMALL, false, 20), 20_000),
  /** The 50 KB Claude Code-shaped request: the cost per byte of the request body. */
  CLAUDE_CODE("claude-code", new Workload(BodyKind.CLAUDE_CODE, false, 20), 5_000),
  /** A streamed answer of 50 text deltas (55 events), unpaced: the cost per forwarded event. */
  STREAM("stream", new Workload(BodyKind.SMALL, true, 50), 5_000),
  /** About 5 KB of conversation: the lower end of the size-scaling table. */
  SIZE_5_KB("5kb", new Workload(BodyKind.SIZE_5_KB, false, 20), 10_000),
  /** Claude Code's request later in a session, about 500 KB. */
  SIZE_500_KB("500kb", new Workload(BodyKind.SIZE_500_KB, false, 20), 1_000),
  /** The same with a large context, about 2 MB. */
  SIZE_2_MB("2mb", new Workload(BodyKind.SIZE_2_MB, false, 20), 300);

  /** What {@code all} runs: the request path, the cost per byte at 50 KB, the cost per event. */
  public static final List<Scenario> ALL = List.of(SMALL, CLAUDE_CODE, STREAM);
  /** What {@code sizes} runs: the size-scaling table, 5 KB to 2 MB. */
  public static final List<Scenario> SIZES = List.of(SIZE_5_KB, CLAUDE_CODE, SIZE_500_KB, SIZE_2_MB);

  private final String label;
  private final Workload workload;
  private final int defaultRequests;

  Scenario(String label, Workload workload, int defaultRequests) {
    this.label = label;
    this.workload = workload;
    this.defaultRequests = defaultRequests;
  }

  public String label() {
    return label;
  }

  public Workload workload() {
    return workload;
  }

  public int defaultRequests() {
    return defaultRequests;
  }

  /** The scenario a label names. */
  public static Scenario parse(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("scenario " + label + ": expected one of "
            + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", ")) + ", all or sizes"));
  }
}
