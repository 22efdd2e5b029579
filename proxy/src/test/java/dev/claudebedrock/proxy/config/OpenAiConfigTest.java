package dev.claudebedrock.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAI front door's settings: a default output limit, and aliases that must name served models. */
class OpenAiConfigTest {

  @Test
  void defaultsToFourThousandTokensAndNoAliases() {
    OpenAiConfig config = read("", Map.of());
    assertThat(config.defaultMaxTokens()).isEqualTo(4096);
    assertThat(config.modelAliases()).isEmpty();
  }

  @Test
  void aliasesMayNameAModelOrAnAliasOfOne() {
    OpenAiConfig config = read("openai: {model_aliases: {gpt-4o: claude-sonnet-4-5-20250929, gpt-4o-mini: haiku}}",
        Map.of("BEDROCK_PROXY_OPENAI_DEFAULT_MAX_TOKENS", "8000"));
    assertThat(config.modelAliases()).containsEntry("gpt-4o", "claude-sonnet-4-5-20250929")
        .containsEntry("gpt-4o-mini", "haiku");
    assertThat(config.defaultMaxTokens()).isEqualTo(8000);
  }

  @Test
  void anAliasToAModelNobodyServesIsRefusedNamingIt() {
    assertThatThrownBy(() -> read("openai: {model_aliases: {gpt-4o: gpt-5-turbo}}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("openai.model_aliases")
        .hasMessageContaining("gpt-4o: gpt-5-turbo");
  }

  @Test
  void aLimitOutOfRangeIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> read("openai: {default_max_tokens: 0}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("openai.default_max_tokens");
  }

  @Test
  void imageFetchingIsOffByDefaultWithBoundsAndRefusesANetworkThatIsNotACidrRange() {
    ImageFetchConfig off = read("", Map.of()).imageFetch();
    assertThat(off.enabled()).isFalse();
    assertThat(off.maxBytes()).isEqualTo(5 * 1024 * 1024);
    assertThat(off.timeout()).hasSeconds(10);
    assertThat(off.maxRedirects()).isEqualTo(3);
    assertThat(off.maxImages()).isEqualTo(8);
    assertThat(off.allowedNetworks()).isEmpty();
    ImageFetchConfig on = read("openai: {image_fetch: {enabled: true, allowed_networks: [10.1.2.0/24, 'fd00:1::/64']}}",
        Map.of()).imageFetch();
    assertThat(on.allowedNetworks()).containsExactly("10.1.2.0/24", "fd00:1::/64");
    for (String wrong : java.util.List.of("images.example.com/24", "10.1.2.0", "10.1.2.0/33", "cafe/16")) {
      assertThatThrownBy(() -> read("openai: {image_fetch: {allowed_networks: ['" + wrong + "']}}", Map.of()))
          .as(wrong).isInstanceOf(ConfigException.class).hasMessageContaining("openai.image_fetch.allowed_networks");
    }
    assertThatThrownBy(() -> read("openai: {image_fetch: {max_bytes: 100}}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("openai.image_fetch.max_bytes");
    assertThatThrownBy(() -> read("openai: {image_fetch: {follow: true}}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("follow");
  }

  private static OpenAiConfig read(String yaml, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("API_AUTH_TOKEN", "a-client-token-for-tests"));
    env.putAll(extra);
    return ConfigLoader.fromYaml(yaml, "test", new Environment(env)).openai();
  }
}
