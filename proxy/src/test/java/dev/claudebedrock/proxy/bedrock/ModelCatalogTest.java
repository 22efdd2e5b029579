package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ModelsConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  private final ModelCatalog usEast = catalog("", "us-east-1");

  @Test
  void mapsTheNamesClaudeCodeSendsToInferenceProfilesOfTheRegionsGeography() {
    assertThat(usEast.resolve("claude-opus-5-5")).get().extracting(ResolvedModel::bedrockId)
        .isEqualTo("us.anthropic.claude-opus-5-5");
    assertThat(usEast.resolve("claude-sonnet-5-5").get().bedrockId()).isEqualTo("us.anthropic.claude-sonnet-5-5");
    assertThat(usEast.resolve("claude-haiku-5-5").get().bedrockId()).isEqualTo("us.anthropic.claude-haiku-5-5");
    assertThat(catalog("", "eu-west-1").resolve("claude-opus-5-5").get().bedrockId())
        .isEqualTo("eu.anthropic.claude-opus-5-5");
    assertThat(catalog("", "ap-northeast-1").resolve("claude-sonnet-4-5-20250929").get().bedrockId())
        .isEqualTo("apac.anthropic.claude-sonnet-4-5-20250929-v1:0");
  }

  @Test
  void resolvesDatedIdsAndAliases() {
    assertThat(usEast.resolve("claude-sonnet-4-5-20250929").get().bedrockId())
        .isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    assertThat(usEast.resolve("claude-sonnet-4-5").get().bedrockId())
        .isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    assertThat(usEast.resolve("sonnet").get().bedrockId()).isEqualTo("us.anthropic.claude-sonnet-5-5");
    assertThat(usEast.resolve("claude-3-5-sonnet-20241022").get().bedrockId())
        .isEqualTo("us.anthropic.claude-3-5-sonnet-20241022-v2:0");
  }

  @Test
  void keepsTheClientsNameForTheResponse() {
    assertThat(usEast.resolve("sonnet").get().clientName()).isEqualTo("sonnet");
  }

  @Test
  void passesBedrockIdsAndArnsUnchanged() {
    String arn = "arn:aws:bedrock:us-east-2:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    assertThat(usEast.resolve(arn).get().bedrockId()).isEqualTo(arn);
    assertThat(usEast.resolve("eu.anthropic.claude-haiku-4-5-20251001-v1:0").get().bedrockId())
        .isEqualTo("eu.anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(usEast.resolve("anthropic.claude-opus-4-8").get().bedrockId()).isEqualTo("anthropic.claude-opus-4-8");
  }

  @Test
  void derivesTheFoundationModelIdThatCountTokensNeeds() {
    assertThat(usEast.resolve("claude-opus-5-5").get().countTokensId()).isEqualTo("anthropic.claude-opus-5-5");
    assertThat(
        usEast.resolve("arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0")
            .get().countTokensId())
        .isEqualTo("anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(usEast.resolve("arn:aws:bedrock:us-east-1:1:application-inference-profile/abc").get().countTokensId())
        .as("an application profile hides its model").isEmpty();
  }

  @Test
  void servesModelsReleasedAfterTheTableByBedrocksNamingRule() {
    assertThat(usEast.resolve("claude-sonnet-6-0").get().bedrockId()).isEqualTo("us.anthropic.claude-sonnet-6-0");
    assertThat(usEast.resolve("claude-haiku-6-0-20270101").get().bedrockId())
        .isEqualTo("us.anthropic.claude-haiku-6-0-20270101-v1:0");
  }

  @Test
  void refusesNamesThatAreNotClaude() {
    assertThat(usEast.resolve("gpt-4o")).isEmpty();
    assertThat(usEast.resolve("")).isEmpty();
  }

  @Test
  void followsAConfiguredPrefixOrNone() {
    assertThat(catalog("models: {geo_prefix: global}\n", "us-east-1").resolve("claude-opus-5-5").get().bedrockId())
        .isEqualTo("global.anthropic.claude-opus-5-5");
    assertThat(catalog("models: {geo_prefix: none}\n", "us-east-1").resolve("claude-opus-5-5").get().bedrockId())
        .isEqualTo("anthropic.claude-opus-5-5");
  }

  private static ModelCatalog catalog(String yaml, String region) {
    ModelsConfig models = ConfigLoader
        .fromYaml(yaml, "test", new Environment(Map.of("API_AUTH_TOKEN", "0123456789abcdef")))
        .models();
    return new ModelCatalog(models, region);
  }
}
