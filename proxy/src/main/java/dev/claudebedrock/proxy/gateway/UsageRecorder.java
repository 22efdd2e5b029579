package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Usage;
import dev.claudebedrock.proxy.server.Exchange;
import java.io.IOException;

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

  /**
   * From a {@code usage} object read with the streaming parser, which stands before it (no tree): the values
   * {@link #fromUsage(JsonNode, Exchange)} takes from a tree (numbers only, a float truncated). Nothing is reported
   * when the value is not an object.
   */
  public static void fromUsage(JsonParser parser, Exchange exchange) throws IOException {
    parser.nextToken();
    Usage usage = usageAt(parser);
    if (usage != null) {
      report(exchange, usage);
    }
  }

  /**
   * A {@code usage} object read with the streaming parser, which stands on its first token; leaves the parser on the
   * value's last token. What {@link #fromUsage(JsonNode, Exchange)} reads from a tree; null (the value skipped) when
   * the value is not an object.
   */
  static Usage usageAt(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    long input = -1;
    long output = -1;
    long cacheRead = -1;
    long cacheWrite = -1;
    long cacheWrite1h = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "input_tokens" -> input = count(parser, value);
        case "output_tokens" -> output = count(parser, value);
        case "cache_read_input_tokens" -> cacheRead = count(parser, value);
        case "cache_creation_input_tokens" -> cacheWrite = count(parser, value);
        case "cache_creation" -> cacheWrite1h = value == JsonToken.START_OBJECT ? oneHourWrites(parser)
            : skipped(parser);
        default -> parser.skipChildren();
      }
    }
    return new Usage(input, output, cacheRead, cacheWrite, cacheWrite1h);
  }

  /** A usage already read ({@link #usageAt}); an empty one is not reported. */
  static void fromUsage(Usage usage, Exchange exchange) {
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

  /** {@code cache_creation.ephemeral_1h_input_tokens}, the parser on the object's start; leaves it on its end. */
  private static long oneHourWrites(JsonParser parser) throws IOException {
    long count = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("ephemeral_1h_input_tokens")) {
        count = count(parser, value);
      } else {
        parser.skipChildren();
      }
    }
    return count;
  }

  /** Skips the value the parser is on (and what it holds); -1, as for a count that is not there. */
  private static long skipped(JsonParser parser) throws IOException {
    parser.skipChildren();
    return -1;
  }

  /** A count as a tree's {@code canConvertToLong}/{@code asLong} reads it, else -1; skips a structured value. */
  private static long count(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT) {
      return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : parser.getLongValue();
    }
    if (value == JsonToken.VALUE_NUMBER_FLOAT) {
      double number = parser.getDoubleValue();
      return number >= Long.MIN_VALUE && number <= Long.MAX_VALUE ? (long) number : -1;
    }
    parser.skipChildren();
    return -1;
  }

  private static long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.canConvertToLong() ? value.asLong() : -1;
  }
}
