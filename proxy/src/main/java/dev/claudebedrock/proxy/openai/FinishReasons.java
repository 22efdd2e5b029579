package dev.claudebedrock.proxy.openai;

/** Messages' {@code stop_reason} as OpenAI's {@code finish_reason}. */
final class FinishReasons {
  private FinishReasons() {}

  /** {@code end_turn}, {@code stop_sequence}, {@code pause_turn} → stop; {@code max_tokens} and a full context → length; {@code tool_use} → tool_calls; {@code refusal} → content_filter. */
  static String of(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> "stop";
    };
  }
}
