package dev.claudebedrock.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  @Test
  void countsOneTokenPerThreeBytesOfTextPlusPerMessageOverhead() throws Exception {
    long estimate = TokenEstimator.estimate(Json.MAPPER.readTree(
        "{\"system\":\"123456\",\"messages\":[{\"role\":\"user\",\"content\":\"123456789\"}]}"));
    assertThat(estimate).isEqualTo(2 + 4 + 3);
  }

  @Test
  void errsHighOnEnglishProseWhichAveragesNearFourCharactersPerToken() throws Exception {
    String prose = "The gateway forwards each event as soon as it arrives. ".repeat(200);
    long estimate = TokenEstimator.estimate(Json.MAPPER.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prose + "\"}]}"));
    assertThat(estimate).isGreaterThan(prose.length() / 4);
  }

  @Test
  void pricesImagesAndToolsAtTheirFixedCosts() throws Exception {
    long estimate = TokenEstimator.estimate(Json.MAPPER.readTree(
        """
            {"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}],
             "tools":[{"name":"t","input_schema":{}}]}"""));
    assertThat(estimate).isGreaterThanOrEqualTo(4 + 1_600 + 350);
  }
}
