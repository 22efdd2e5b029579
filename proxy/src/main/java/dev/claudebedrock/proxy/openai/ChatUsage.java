package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;

/**
 * Token counts of a Messages answer as OpenAI reports them: {@code prompt_tokens} counts every input token, cached
 * or not (Messages reports uncached, cache-read and cache-write tokens apart), and {@code cached_tokens} the ones
 * read from the prompt cache. A stream reports usage more than once; later figures win.
 */
final class ChatUsage {
  private long input;
  private long cacheRead;
  private long cacheWrite;
  private long output;

  /** Takes the figures a Messages {@code usage} object carries. */
  void add(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return;
    }
    input = count(usage, "input_tokens", input);
    cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
    cacheWrite = count(usage, "cache_creation_input_tokens", cacheWrite);
    output = count(usage, "output_tokens", output);
  }

  /** The OpenAI {@code usage} object. */
  ObjectNode json() {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    long prompt = input + cacheRead + cacheWrite;
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", output);
    usage.put("total_tokens", prompt + output);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
    return usage;
  }

  private static long count(JsonNode usage, String field, long previous) {
    JsonNode value = usage.get(field);
    return value != null && value.canConvertToLong() ? value.asLong() : previous;
  }
}
