package dev.claudebedrock.sim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the canonical request, as the SigV4 specification defines them for non-S3 services. */
class CanonicalRequestTest {

  @Test
  void encodesTheRawPathOnceMoreKeepingSlashes() {
    assertThat(CanonicalRequest.canonicalUri("/model/arn:aws:bedrock:us-east-1:1:inference-profile%2Fus.x-v1:0/invoke"))
        .isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%252Fus.x-v1%3A0/invoke");
    assertThat(CanonicalRequest.canonicalUri("")).isEqualTo("/");
  }

  @Test
  void sortsAndStrictlyEncodesTheQuery() {
    assertThat(CanonicalRequest.canonicalQuery("b=2&a=x%20y&a=1&c")).isEqualTo("a=1&a=x%20y&b=2&c=");
    assertThat(CanonicalRequest.canonicalQuery("")).isEmpty();
  }

  @Test
  void trimsHeaderValuesAndCollapsesInnerSpaces() {
    assertThat(CanonicalRequest.canonicalHeaderValue(List.of("  a   b  ", "c"))).isEqualTo("a b,c");
  }
}
