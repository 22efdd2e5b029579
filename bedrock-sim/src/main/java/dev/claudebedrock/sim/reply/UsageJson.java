package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes the Anthropic {@code usage} object. */
final class UsageJson {
  private UsageJson() {}

  static void write(JsonGenerator json, PromptUsage usage, int outputTokens) throws IOException {
    json.writeObjectFieldStart("usage");
    json.writeNumberField("input_tokens", usage.inputTokens());
    json.writeNumberField("cache_creation_input_tokens", usage.cacheCreationTokens());
    json.writeNumberField("cache_read_input_tokens", usage.cacheReadTokens());
    json.writeObjectFieldStart("cache_creation");
    json.writeNumberField("ephemeral_5m_input_tokens", usage.ephemeral5mTokens());
    json.writeNumberField("ephemeral_1h_input_tokens", usage.ephemeral1hTokens());
    json.writeEndObject();
    json.writeNumberField("output_tokens", outputTokens);
    json.writeEndObject();
  }
}
