package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Rate limits of a key, a team or the organization; 0 means no limit of that kind.
 *
 * @param requestsPerMinute requests admitted per UTC minute
 * @param inputTokensPerMinute input tokens per minute (estimated on admission, corrected by the real usage)
 * @param outputTokensPerMinute output tokens per minute (counted when a response ends)
 * @param maxConcurrent requests in flight at once
 */
public record Limits(long requestsPerMinute, long inputTokensPerMinute, long outputTokensPerMinute,
    long maxConcurrent) {
  /** No limit at all. */
  public static final Limits NONE = new Limits(0, 0, 0, 0);

  private static final Set<String> FIELDS = Set.of("requests_per_minute", "input_tokens_per_minute",
      "output_tokens_per_minute", "max_concurrent");

  /** Whether any limit is set. */
  public boolean any() {
    return requestsPerMinute > 0 || inputTokensPerMinute > 0 || outputTokensPerMinute > 0 || maxConcurrent > 0;
  }

  /** Reads the JSON form; absent or null fields are no limit. Throws naming the field at fault. */
  public static Limits fromJson(JsonNode json) {
    if (json == null || json.isNull()) {
      return NONE;
    }
    PolicyFields.requireObject(json, "limits", FIELDS);
    return new Limits(field(json, "requests_per_minute"), field(json, "input_tokens_per_minute"),
        field(json, "output_tokens_per_minute"), field(json, "max_concurrent"));
  }

  private static long field(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
      throw new IllegalArgumentException("limits." + name + " must be a positive integer (leave it out for no limit)");
    }
    return value.asLong();
  }

  /** The JSON form: only the limits that are set. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    put(json, "requests_per_minute", requestsPerMinute);
    put(json, "input_tokens_per_minute", inputTokensPerMinute);
    put(json, "output_tokens_per_minute", outputTokensPerMinute);
    put(json, "max_concurrent", maxConcurrent);
    return json;
  }

  private static void put(ObjectNode json, String name, long value) {
    if (value > 0) {
      json.put(name, value);
    }
  }
}
