package dev.claudebedrock.sim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Recorded headers keep what identifies a caller and lose what authenticates it. */
class SecretRedactionTest {

  @Test
  void dropsTheSigV4SignatureButKeepsCredentialScopeAndSignedHeaders() {
    String header = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/bedrock/aws4_request, "
        + "SignedHeaders=host;x-amz-date, Signature=0123abcd";

    assertThat(SecretRedaction.redact("authorization", header))
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date");
  }

  @Test
  void hidesBearerTokensSessionTokensAndUnknownSchemes() {
    assertThat(SecretRedaction.redact("authorization", "Bearer sim-bedrock-api-key")).isEqualTo("Bearer <redacted>");
    assertThat(SecretRedaction.redact("authorization", "Basic dXNlcg==")).isEqualTo("<redacted>");
    assertThat(SecretRedaction.redact("x-amz-security-token", "FwoGZX")).isEqualTo("<redacted>");
    assertThat(SecretRedaction.redact("x-api-key", "sk-ant")).isEqualTo("<redacted>");
    assertThat(SecretRedaction.redact("content-type", "application/json")).isEqualTo("application/json");
  }
}
