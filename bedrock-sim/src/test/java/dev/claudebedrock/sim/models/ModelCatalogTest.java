package dev.claudebedrock.sim.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.models.ResolvedModel.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every spelling of a model id Bedrock accepts, and the refusals it answers with. */
class ModelCatalogTest {
  private final ModelCatalog catalog = new ModelCatalog(
      List.of(DefaultModels.models().get(0), DefaultModels.models().get(8),
          ModelSpec.onDemand("anthropic.claude-locked-v1:0", "claude-locked", "Locked").withAccess(false)),
      List.of(new ApplicationProfileSpec("app123", "team", "eu.anthropic.claude-haiku-4-5-20251001-v1:0")),
      "us-east-1", "123456789012");

  @ParameterizedTest
  @CsvSource({
      "anthropic.claude-haiku-4-5-20251001-v1:0, FOUNDATION_MODEL_ID",
      "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0, FOUNDATION_MODEL_ARN",
      "us.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ID",
      "eu.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ID",
      "apac.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ID",
      "jp.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ID",
      "au.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ID",
      "us-gov.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ID",
      "global.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ID",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0, SYSTEM_PROFILE_ARN",
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/app123, APPLICATION_PROFILE_ARN"})
  void resolvesEveryAcceptedSpelling(String id, Kind kind) {
    ResolvedModel resolved = catalog.resolveForInvoke(id);

    assertThat(resolved.kind()).isEqualTo(kind);
    assertThat(resolved.model().anthropicName()).isEqualTo("claude-haiku-4-5-20251001");
  }

  @Test
  void refusesOnDemandUseOfAProfileOnlyModel() {
    assertThatThrownBy(() -> catalog.resolveForInvoke("anthropic.claude-opus-5-5"))
        .isInstanceOfSatisfying(BedrockError.class, e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION))
        .hasMessage("Invocation of model ID anthropic.claude-opus-5-5 with on-demand throughput isn't supported. "
            + "Retry your request with the ID or ARN of an inference profile that contains this model.");
    assertThat(catalog.resolveForInvoke("us.anthropic.claude-opus-5-5").model().id())
        .isEqualTo("anthropic.claude-opus-5-5");
  }

  @Test
  void refusesAModelTheAccountHasNoAccessTo() {
    assertThatThrownBy(() -> catalog.resolveForInvoke("anthropic.claude-locked-v1:0"))
        .isInstanceOfSatisfying(BedrockError.class, e -> assertThat(e.type()).isEqualTo(ErrorType.ACCESS_DENIED))
        .hasMessage("You don't have access to the model with the specified model ID.");
  }

  @Test
  void answersUnknownIdsWithNotFoundAndMalformedOnesWithValidation() {
    assertThatThrownBy(() -> catalog.resolve("anthropic.claude-unknown"))
        .isInstanceOfSatisfying(BedrockError.class, e -> assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND));
    assertThatThrownBy(
        () -> catalog.resolve("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/us.anthropic.claude-opus-5-5"))
        .isInstanceOfSatisfying(BedrockError.class, e -> assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND));
    assertThatThrownBy(() -> catalog.resolve("not a model id"))
        .isInstanceOfSatisfying(BedrockError.class, e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION))
        .hasMessageContaining("failed to satisfy constraint");
  }

  @Test
  void countsTokensOnlyForBareIdsOfSupportedModels() {
    assertThat(catalog.resolveForCountTokens("anthropic.claude-haiku-4-5-20251001-v1:0").kind())
        .isEqualTo(Kind.FOUNDATION_MODEL_ID);
    for (String refused : List.of("us.anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-opus-5-5",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/app123")) {
      assertThatThrownBy(() -> catalog.resolveForCountTokens(refused))
          .hasMessage("The provided model doesn't support counting tokens.");
    }
  }

  @Test
  void refusesAnApplicationProfileRoutingToAnUnknownModel() {
    assertThatThrownBy(() -> new ModelCatalog(DefaultModels.models(),
        List.of(new ApplicationProfileSpec("x", "x", "anthropic.nope")), "us-east-1", "123456789012"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anthropic.nope");
  }

  @Test
  void listsTheProfilesOfTheRegionsGeographies() {
    ModelCatalog eu = new ModelCatalog(DefaultModels.models(), List.of(), "eu-west-1", "123456789012");

    assertThat(eu.profiles().list(InferenceProfile.SYSTEM_DEFINED)).extracting(InferenceProfile::id)
        .allMatch(id -> id.startsWith("eu.") || id.startsWith("global."))
        .hasSize(2 * DefaultModels.models().size());
    InferenceProfile profile = eu.profiles().find("eu.anthropic.claude-sonnet-4-6").orElseThrow();
    assertThat(profile.arn())
        .isEqualTo("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6");
    assertThat(profile.modelArns())
        .contains("arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-6");
    assertThat(eu.profiles().find(profile.arn())).contains(profile);
    assertThat(eu.profiles().list(InferenceProfile.APPLICATION)).isEmpty();
  }

  @Test
  void offersProfilesOnlyInTheModelsGeographies() {
    ModelSpec globalOnly = ModelSpec.profileOnly("anthropic.claude-next-v1", "claude-next", "Claude Next")
        .withGeographies(List.of("global"));
    ModelCatalog catalog = new ModelCatalog(List.of(globalOnly), List.of(), "us-east-1", "123456789012");

    assertThat(catalog.resolve("global.anthropic.claude-next-v1").model()).isEqualTo(globalOnly);
    assertThatThrownBy(() -> catalog.resolve("us.anthropic.claude-next-v1"))
        .isInstanceOfSatisfying(BedrockError.class, e -> assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND));
    assertThat(catalog.profiles().list(InferenceProfile.SYSTEM_DEFINED)).extracting(InferenceProfile::id)
        .containsExactly("global.anthropic.claude-next-v1");
  }
}
