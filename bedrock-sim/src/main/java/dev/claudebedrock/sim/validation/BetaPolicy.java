package dev.claudebedrock.sim.validation;

import java.util.List;
import java.util.Set;

/**
 * The {@code anthropic_beta} values Bedrock accepts; any other value is refused with "invalid beta flag".
 *
 * @param accepted accepted beta names
 */
public record BetaPolicy(Set<String> accepted) {
  /** The betas Bedrock InvokeModel is known to accept. */
  public static final List<String> DEFAULT_ACCEPTED = List.of(
      "interleaved-thinking-2025-05-14",
      "context-management-2025-06-27",
      "compact-2026-01-12",
      "computer-use-2025-01-24",
      "computer-use-2025-11-24",
      "context-1m-2025-08-07",
      "structured-outputs-2025-11-13",
      "token-efficient-tools-2025-02-19",
      "effort-2025-11-24",
      "tool-examples-2025-10-29",
      "tool-search-tool-2025-10-19",
      "fine-grained-tool-streaming-2025-05-14",
      "output-128k-2025-02-19",
      "thinking-token-count-2026-05-13");

  public BetaPolicy {
    accepted = Set.copyOf(accepted);
  }

  /** The default policy. */
  public static BetaPolicy defaults() {
    return new BetaPolicy(Set.copyOf(DEFAULT_ACCEPTED));
  }

  /** Whether a beta is accepted. */
  public boolean accepts(String beta) {
    return accepted.contains(beta);
  }
}
