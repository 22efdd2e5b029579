package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.sim.models.ApplicationProfileSpec;
import dev.claudebedrock.sim.testing.SdkClients;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import dev.claudebedrock.sim.testing.TestSims;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.GetInferenceProfileResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrock.model.ListInferenceProfilesResponse;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The control-plane inference-profile operations and STS, through the AWS SDK clients. */
class ControlPlaneSdkTest {
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension(TestSims.config().applicationProfiles(List.of(
      new ApplicationProfileSpec("teamalpha0001", "team-alpha", "us.anthropic.claude-sonnet-4-5-20250929-v1:0")))
      .build());
  private static BedrockSimulator sim;
  private static BedrockClient bedrock;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
    bedrock = SdkClients.controlPlane(sim);
  }

  @AfterAll
  static void stop() {
    bedrock.close();
  }

  @Test
  void listsTheSystemDefinedProfilesOfTheRegion() {
    List<InferenceProfileSummary> profiles = bedrock
        .listInferenceProfilesPaginator(r -> r.typeEquals(InferenceProfileType.SYSTEM_DEFINED))
        .inferenceProfileSummaries().stream().toList();

    assertThat(profiles).extracting(InferenceProfileSummary::inferenceProfileId)
        .contains("us.anthropic.claude-opus-5-5", "global.anthropic.claude-opus-5-5",
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        .noneMatch(id -> id.startsWith("eu."));
    InferenceProfileSummary opus = profiles.stream()
        .filter(p -> p.inferenceProfileId().equals("us.anthropic.claude-opus-5-5")).findFirst().orElseThrow();
    assertThat(opus.inferenceProfileArn())
        .isEqualTo("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-5-5");
    assertThat(opus.statusAsString()).isEqualTo("ACTIVE");
    assertThat(opus.type()).isEqualTo(InferenceProfileType.SYSTEM_DEFINED);
    assertThat(opus.models()).extracting(m -> m.modelArn())
        .contains("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-5-5");
    assertThat(opus.createdAt()).isNotNull();
  }

  @Test
  void paginatesWithMaxResultsAndNextToken() {
    ListInferenceProfilesResponse first = bedrock.listInferenceProfiles(r -> r.maxResults(4));
    ListInferenceProfilesResponse second = bedrock
        .listInferenceProfiles(r -> r.maxResults(4).nextToken(first.nextToken()));

    assertThat(first.inferenceProfileSummaries()).hasSize(4);
    assertThat(first.nextToken()).isNotBlank();
    assertThat(second.inferenceProfileSummaries()).hasSize(4)
        .doesNotContainAnyElementsOf(first.inferenceProfileSummaries());
    int all = bedrock.listInferenceProfilesPaginator(r -> r.maxResults(7)).inferenceProfileSummaries().stream().toList()
        .size();
    assertThat(all)
        .isEqualTo(bedrock.listInferenceProfiles(r -> r.maxResults(1000)).inferenceProfileSummaries().size());
  }

  @Test
  void listsApplicationProfilesByType() {
    ListInferenceProfilesResponse apps = bedrock
        .listInferenceProfiles(r -> r.typeEquals(InferenceProfileType.APPLICATION));

    assertThat(apps.inferenceProfileSummaries()).singleElement().satisfies(p -> {
      assertThat(p.inferenceProfileName()).isEqualTo("team-alpha");
      assertThat(p.inferenceProfileArn())
          .isEqualTo("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/teamalpha0001");
      assertThat(p.models()).hasSize(3);
    });
  }

  @Test
  void getsOneProfileByIdOrByArn() {
    GetInferenceProfileResponse byId = bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier(
        "us.anthropic.claude-haiku-4-5-20251001-v1:0"));
    GetInferenceProfileResponse byArn = bedrock
        .getInferenceProfile(r -> r.inferenceProfileIdentifier(byId.inferenceProfileArn()));

    assertThat(byId.inferenceProfileName()).isEqualTo("US Anthropic Claude Haiku 4.5");
    assertThat(byArn.inferenceProfileId()).isEqualTo(byId.inferenceProfileId());
    assertThat(sim.requests().getLast().rawPath()).contains("inference-profile%2Fus.anthropic");
  }

  @Test
  void answersAnUnknownProfileWithResourceNotFound() {
    assertThatThrownBy(() -> bedrock.getInferenceProfile(r -> r.inferenceProfileIdentifier("us.anthropic.claude-nope")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void servesStsGetCallerIdentityForTheTestCredentials() {
    try (StsClient sts = SdkClients.sts(sim, SdkClients.testCredentials())) {
      GetCallerIdentityResponse identity = sts.getCallerIdentity();

      assertThat(identity.account()).isEqualTo("123456789012");
      assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:user/bedrock-sim");
      assertThat(identity.userId()).isEqualTo("AIDASIMULATOREXAMPLE");
    }
    assertThat(sim.requests().getLast().operation()).isEqualTo(Operation.GET_CALLER_IDENTITY);
  }

  @Test
  void refusesStsCallsWithAWrongSecretInStsTerms() {
    try (StsClient sts = SdkClients.sts(sim, SdkClients.credentials(SimulatorConfig.DEFAULT_ACCESS_KEY_ID, "wrong"))) {
      assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      });
    }
  }
}
