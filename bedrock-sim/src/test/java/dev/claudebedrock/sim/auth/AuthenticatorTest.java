package dev.claudebedrock.sim.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the authenticator admits besides SigV4: Bedrock API keys, and nothing without credentials. */
class AuthenticatorTest {
  private final Authenticator withKey = new Authenticator(
      new Credentials("AKID", "secret", null, "the-key", "us-east-1", "123456789012"), Clock.systemUTC());
  private final Authenticator withoutKey = new Authenticator(
      new Credentials("AKID", "secret", null, null, "us-east-1", "123456789012"), Clock.systemUTC());

  @Test
  void admitsTheConfiguredApiKeyAsABearerToken() {
    assertThatCode(() -> withKey.authenticate(request("Bearer the-key", "bedrock"))).doesNotThrowAnyException();
    assertThatCode(() -> withKey.authenticate(request("bearer the-key", "bedrock"))).doesNotThrowAnyException();
  }

  @Test
  void refusesAnotherKeyNoKeyConfiguredAndKeysForSts() {
    assertRefused(withKey, "Bearer other-key", "bedrock", ErrorType.UNRECOGNIZED_CLIENT);
    assertRefused(withoutKey, "Bearer the-key", "bedrock", ErrorType.UNRECOGNIZED_CLIENT);
    assertRefused(withKey, "Bearer the-key", "sts", ErrorType.UNRECOGNIZED_CLIENT);
  }

  @Test
  void refusesARequestWithoutCredentials() {
    assertRefused(withKey, null, "bedrock", ErrorType.MISSING_AUTHENTICATION_TOKEN);
    assertRefused(withKey, "  ", "bedrock", ErrorType.MISSING_AUTHENTICATION_TOKEN);
  }

  @Test
  void refusesOtherSchemesAndIncompleteSigV4Headers() {
    assertRefused(withKey, "Basic dXNlcjpwYXNz", "bedrock", ErrorType.INCOMPLETE_SIGNATURE);
    assertThatThrownBy(() -> withKey
        .authenticate(request("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/bedrock/aws4_request", "bedrock")))
        .isInstanceOf(BedrockError.class)
        .hasMessage(
            "Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter.");
  }

  private static void assertRefused(Authenticator authenticator, String authorization, String service, ErrorType type) {
    assertThatThrownBy(() -> authenticator.authenticate(request(authorization, service)))
        .isInstanceOfSatisfying(BedrockError.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo(type));
  }

  private static AuthRequest request(String authorization, String service) {
    Map<String, List<String>> headers = authorization == null ? Map.of()
        : Map.of("authorization", List.of(authorization));
    return new AuthRequest("POST", "/model/x/invoke", "", name -> headers.getOrDefault(name, List.of()), new byte[0],
        service);
  }
}
