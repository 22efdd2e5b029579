package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Usage;
import dev.claudebedrock.proxy.server.Exchange;

/** Reads token usage and stop reasons from responses and stream events and tells the request's listener. */
public final class UsageRecorder {
  private UsageRecorder() {}

  /** From a Message's {@code usage} object (a response body, {@code message_start}, {@code message_delta}). */
  public static void fromUsage(JsonNode usage, Exchange exchange) {
    if (usage != null && usage.isObject()) {
      JsonNode creation = usage.get("cache_creation");
      report(exchange, new Usage(count(usage, "input_tokens"), count(usage, "output_tokens"),
          count(usage, "cache_read_input_tokens"), count(usage, "cache_creation_input_tokens"),
          creation != null && creation.isObject() ? count(creation, "ephemeral_1h_input_tokens") : -1));
    }
  }

  /** Counts already read (-1 where absent), as {@link #fromUsage(JsonNode, Exchange)} would have read them. */
  public static void fromUsage(Usage usage, Exchange exchange) {
    report(exchange, usage);
  }

  /** From the metrics Bedrock attaches to {@code message_stop}: the authoritative totals. */
  public static void fromInvocationMetrics(JsonNode metrics, Exchange exchange) {
    if (metrics != null && metrics.isObject()) {
      report(exchange, new Usage(count(metrics, "inputTokenCount"), count(metrics, "outputTokenCount"),
          count(metrics, "cacheReadInputTokenCount"), count(metrics, "cacheWriteInputTokenCount"), -1));
    }
  }

  /** From a Message's {@code stop_reason} (a response body, or {@code message_delta}'s {@code delta}). */
  public static void fromStopReason(JsonNode reason, Exchange exchange) {
    if (reason != null && reason.isTextual()) {
      exchange.listener().stopReason(exchange, reason.asText());
    }
  }

  /** A stop reason already read as a string. */
  public static void fromStopReason(String reason, Exchange exchange) {
    exchange.listener().stopReason(exchange, reason);
  }

  private static void report(Exchange exchange, Usage usage) {
    if (!usage.isEmpty()) {
      exchange.listener().usage(exchange, usage);
    }
  }

  private static long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.canConvertToLong() ? value.asLong() : -1;
  }
}
