package dev.claudebedrock.proxy.config;

/**
 * The OpenAI-compatible front door ({@code /v1/chat/completions}, {@code /openai/v1/…}).
 *
 * @param defaultMaxTokens the {@code max_tokens} sent to Bedrock when a client sets neither {@code max_tokens} nor
 *     {@code max_completion_tokens} (OpenAI's are optional; the Messages API requires one)
 */
public record OpenAiConfig(int defaultMaxTokens) {

  static OpenAiConfig read(ConfigSection s) {
    OpenAiConfig config = new OpenAiConfig(s.integer("default_max_tokens", 4096, 1, 1_000_000));
    s.finish();
    return config;
  }
}
