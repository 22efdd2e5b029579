package dev.claudebedrock.proxy.config;

import java.util.Map;

/**
 * The OpenAI-compatible front door ({@code /v1/chat/completions}, {@code /openai/v1/…}).
 *
 * @param defaultMaxTokens the {@code max_tokens} sent to Bedrock when a client sets neither {@code max_tokens} nor
 *     {@code max_completion_tokens} (OpenAI's are optional; the Messages API requires one)
 * @param modelAliases model names for tools whose model pickers offer only OpenAI names (e.g. {@code gpt-4o}),
 *     each mapped to a model the gateway serves; only the OpenAI front door knows them
 * @param imageFetch whether and how {@code image_url} parts with an http(s) URL are fetched
 */
public record OpenAiConfig(int defaultMaxTokens, Map<String, String> modelAliases, ImageFetchConfig imageFetch) {

  public OpenAiConfig {
    modelAliases = Map.copyOf(modelAliases);
  }

  static OpenAiConfig read(ConfigSection s, ModelsConfig models) {
    int defaultMaxTokens = s.integer("default_max_tokens", 4096, 1, 1_000_000);
    Map<String, String> aliases = s.stringMap("model_aliases", Map.of());
    for (Map.Entry<String, String> alias : aliases.entrySet()) {
      String target = alias.getValue();
      if (!models.entries().containsKey(target) && !models.aliases().containsKey(target)) {
        throw s.invalid("model_aliases", alias.getKey() + ": " + target,
            "a model the gateway serves (a name of models.map, the built-in table or models.aliases)");
      }
    }
    OpenAiConfig config = new OpenAiConfig(defaultMaxTokens, aliases, ImageFetchConfig.read(s.section("image_fetch")));
    s.finish();
    return config;
  }
}
