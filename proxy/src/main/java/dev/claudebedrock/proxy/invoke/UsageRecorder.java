package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.server.RequestFacts;

/** Copies token usage from responses and stream events into the request's facts. */
public final class UsageRecorder {
  private UsageRecorder() {}

  /** From a Message's {@code usage} object (a response body, or {@code message_start}). */
  public static void fromUsage(JsonNode usage, RequestFacts facts) {
    if (usage == null || !usage.isObject()) {
      return;
    }
    copy(usage, "input_tokens", facts::inputTokens);
    copy(usage, "output_tokens", facts::outputTokens);
    copy(usage, "cache_read_input_tokens", facts::cacheReadTokens);
    copy(usage, "cache_creation_input_tokens", facts::cacheWriteTokens);
    JsonNode creation = usage.get("cache_creation");
    if (creation != null && creation.isObject()) {
      copy(creation, "ephemeral_1h_input_tokens", facts::cacheWrite1hTokens);
    }
  }

  /** From the metrics Bedrock attaches to {@code message_stop}: the authoritative totals. */
  public static void fromInvocationMetrics(JsonNode metrics, RequestFacts facts) {
    if (metrics == null || !metrics.isObject()) {
      return;
    }
    copy(metrics, "inputTokenCount", facts::inputTokens);
    copy(metrics, "outputTokenCount", facts::outputTokens);
    copy(metrics, "cacheReadInputTokenCount", facts::cacheReadTokens);
    copy(metrics, "cacheWriteInputTokenCount", facts::cacheWriteTokens);
  }

  private static void copy(JsonNode node, String field, java.util.function.LongFunction<RequestFacts> setter) {
    JsonNode value = node.get(field);
    if (value != null && value.canConvertToLong()) {
      setter.apply(value.asLong());
    }
  }
}
