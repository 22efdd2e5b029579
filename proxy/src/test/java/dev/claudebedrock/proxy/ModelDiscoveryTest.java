package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.models.DefaultModels;
import dev.claudebedrock.sim.models.ModelSpec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model names map to the inference profiles the account really has, once discovery listed them. */
class ModelDiscoveryTest {
  private static final String NEXT = "{\"model\":\"claude-next-1\",\"max_tokens\":32,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"hello new model\"}]}";

  @Test
  void usesTheGlobalProfileOfAModelOfferedOnlyGlobally() {
    try (GatewayHarness harness = GatewayHarness.start(globalOnlySimulator(), "discovery: {enabled: true}\n",
        Map.of())) {
      HttpResponse<String> response = harness.post("/v1/messages", NEXT);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(harness.sim.requests()).extracting(r -> r.rawPath())
          .contains("/inference-profiles", "/model/global.anthropic.claude-next-1/invoke");
    }
  }

  @Test
  void fallsBackToTheStaticTableWithoutDiscovery() {
    try (GatewayHarness harness = GatewayHarness.start(globalOnlySimulator(), "", GatewayHarness.NO_RETRIES)) {
      HttpResponse<String> response = harness.post("/v1/messages", NEXT);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(harness.sim.requests()).singleElement()
          .satisfies(r -> assertThat(r.rawPath()).isEqualTo("/model/us.anthropic.claude-next-1/invoke"));
    }
  }

  private static SimulatorConfig globalOnlySimulator() {
    List<ModelSpec> models = new ArrayList<>(DefaultModels.models());
    models.add(ModelSpec.profileOnly("anthropic.claude-next-1", "claude-next-1", "Claude Next 1")
        .withGeographies(List.of("global")));
    return SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).models(models).build();
  }
}
