package dev.claudebedrock.bench.profile;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.Workload;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a profile sends through the gateway, and how many requests by default (a few seconds each on two cores). */
public enum Scenario {
  /** One short message, 20 reply tokens: the request path itself. */
  SMALL("small", new Workload(BodyKind.SMALL, false, 20), 20_000),
  /** The 50 KB Claude Code-shaped request: the cost per byte of the request body. */
  CLAUDE_CODE("claude-code", new Workload(BodyKind.CLAUDE_CODE, false, 20), 5_000),
  /** A streamed answer of 50 text deltas (55 events), unpaced: the cost per forwarded event. */
  STREAM("stream", new Workload(BodyKind.SMALL, true, 50), 5_000);

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
            + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", ")) + " or all"));
  }
}
