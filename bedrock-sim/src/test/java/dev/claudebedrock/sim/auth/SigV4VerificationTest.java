package dev.claudebedrock.sim.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The SigV4 verifier judged two ways: against vectors of AWS's published SigV4 test suite, and against requests
 * signed by the AWS SDK's signer (a separate implementation) for the paths Bedrock clients really send.
 */
class SigV4VerificationTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final String KEY_ID = "AKIDSIMULATOREXAMPLE";
  private static final String SECRET = "sim-secret-access-key-example";
  private static final String ARN_PATH = "/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke";
  private static final byte[] BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\"}".getBytes(StandardCharsets.UTF_8);

  // AWS SigV4 test suite: credentials AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, us-east-1, service "service".
  private final Authenticator suite = new Authenticator(new Credentials("AKIDEXAMPLE",
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, null, "us-east-1", "123456789012"),
      Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC));
  private final Authenticator bedrock = authenticator(null);

  @Test
  void acceptsTheGetVanillaVectorOfTheAwsTestSuite() {
    assertThatCode(() -> suite.authenticate(suiteRequest("GET", "/", "",
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))).doesNotThrowAnyException();
  }

  @Test
  void acceptsThePostVanillaVectorOfTheAwsTestSuite() {
    assertThatCode(() -> suite.authenticate(suiteRequest("POST", "/", "",
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"))).doesNotThrowAnyException();
  }

  @Test
  void acceptsTheQueryOrderVectorOfTheAwsTestSuite() {
    assertThatCode(() -> suite.authenticate(suiteRequest("GET", "/", "Param2=value2&Param1=value1",
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"))).doesNotThrowAnyException();
  }

  @Test
  void acceptsAnSdkSignedRequestWhoseArnCarriesPercent2F() {
    assertThatCode(() -> bedrock.authenticate(sdkSigned("POST", ARN_PATH, BODY, Map.of(), null)))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAnSdkSignedRequestWithARawColonInThePath() {
    String path = "/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/invoke-with-response-stream";
    assertThatCode(
        () -> bedrock.authenticate(sdkSigned("POST", path, BODY, Map.of("x-stainless-timeout", "600"), null)))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAnSdkSignedGetWithAQuery() {
    assertThatCode(() -> bedrock.authenticate(sdkSigned("GET", "/inference-profiles?type=SYSTEM_DEFINED&maxResults=5",
        new byte[0], Map.of(), null))).doesNotThrowAnyException();
  }

  @Test
  void refusesABodyChangedAfterSigning() {
    AuthRequest signed = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null);
    AuthRequest tampered = new AuthRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
        "{}".getBytes(StandardCharsets.UTF_8), "bedrock");

    assertThat(refusal(bedrock, tampered).getMessage()).contains("x-amz-content-sha256");
  }

  @Test
  void refusesAPathDecodedAfterSigning() {
    AuthRequest signed = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null);
    AuthRequest decoded = new AuthRequest(signed.method(), ARN_PATH.replace("%2F", "/"), "", signed.headers(),
        signed.body(), "bedrock");

    BedrockError error = refusal(bedrock, decoded);
    assertThat(error.type()).isEqualTo(ErrorType.INVALID_SIGNATURE);
    assertThat(error.getMessage())
        .startsWith("The request signature we calculated does not match the signature you provided.")
        .contains("The Canonical String for this request should have been");
  }

  @Test
  void refusesAWrongSecret() {
    Authenticator other = new Authenticator(
        new Credentials(KEY_ID, "another-secret", null, null, "us-east-1", "123456789012"),
        Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(refusal(other, sdkSigned("POST", ARN_PATH, BODY, Map.of(), null)).type())
        .isEqualTo(ErrorType.INVALID_SIGNATURE);
  }

  @Test
  void namesTheExpectedScopeWhenRegionOrServiceIsWrong() {
    AuthRequest wrongRegion = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null, "eu-west-1", "bedrock", NOW);
    AuthRequest wrongService = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null, "us-east-1", "bedrock-runtime", NOW);

    assertThat(refusal(bedrock, wrongRegion).getMessage())
        .contains("not 'eu-west-1'").contains("20261126/us-east-1/bedrock/aws4_request");
    assertThat(refusal(bedrock, wrongService).getMessage())
        .contains("Credential should be scoped to correct service: 'bedrock'")
        .contains("20261126/us-east-1/bedrock/aws4_request");
  }

  @Test
  void allowsFifteenMinutesOfClockSkewAndNoMore() {
    AuthRequest recent = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null, "us-east-1", "bedrock",
        NOW.minus(Duration.ofMinutes(14)));
    AuthRequest stale = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null, "us-east-1", "bedrock",
        NOW.minus(Duration.ofMinutes(16)));
    AuthRequest future = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null, "us-east-1", "bedrock",
        NOW.plus(Duration.ofMinutes(16)));

    assertThatCode(() -> bedrock.authenticate(recent)).doesNotThrowAnyException();
    assertThat(refusal(bedrock, stale).getMessage())
        .startsWith("Signature expired: 20261126T114400Z is now earlier than");
    assertThat(refusal(bedrock, future).getMessage()).startsWith("Signature not yet current:");
  }

  @Test
  void requiresTheConfiguredSessionTokenWhenThereIsOne() {
    Authenticator withToken = authenticator("session-token-1");

    assertThatCode(() -> withToken.authenticate(sdkSigned("POST", ARN_PATH, BODY, Map.of(), "session-token-1")))
        .doesNotThrowAnyException();
    assertThat(refusal(withToken, sdkSigned("POST", ARN_PATH, BODY, Map.of(), "session-token-2")).type())
        .isEqualTo(ErrorType.UNRECOGNIZED_CLIENT);
    assertThat(refusal(withToken, sdkSigned("POST", ARN_PATH, BODY, Map.of(), null)).type())
        .isEqualTo(ErrorType.UNRECOGNIZED_CLIENT);
    assertThat(refusal(bedrock, sdkSigned("POST", ARN_PATH, BODY, Map.of(), "unexpected")).type())
        .isEqualTo(ErrorType.UNRECOGNIZED_CLIENT);
  }

  @Test
  void acceptsAnUnsignedPayloadDeclaration() {
    AuthRequest signed = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null, "us-east-1", "bedrock", NOW, false);

    assertThat(signed.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    assertThatCode(() -> bedrock.authenticate(signed)).doesNotThrowAnyException();
  }

  @Test
  void insistsOnASignedHostHeader() {
    AuthRequest signed = sdkSigned("POST", ARN_PATH, BODY, Map.of(), null);
    String withoutHost = signed.header("authorization").replace(";host;", ";");
    assertThat(withoutHost).isNotEqualTo(signed.header("authorization"));
    AuthRequest request = new AuthRequest("POST", ARN_PATH, "", replace(signed, "authorization", withoutHost), BODY,
        "bedrock");

    assertThat(refusal(bedrock, request).getMessage()).contains("'Host' or ':authority' must be a 'SignedHeader'");
  }

  private Authenticator authenticator(String sessionToken) {
    return new Authenticator(new Credentials(KEY_ID, SECRET, sessionToken, "key", "us-east-1", "123456789012"),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static AuthRequest suiteRequest(String method, String path, String query, String signature) {
    Map<String, List<String>> headers = Map.of(
        "host", List.of("example.amazonaws.com"),
        "x-amz-date", List.of("20150830T123600Z"),
        "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + signature));
    return new AuthRequest(method, path, query, name -> headers.getOrDefault(name, List.of()), new byte[0], "service");
  }

  private static AuthRequest sdkSigned(String method, String pathAndQuery, byte[] body, Map<String, String> extra,
      String token) {
    return sdkSigned(method, pathAndQuery, body, extra, token, "us-east-1", "bedrock", NOW);
  }

  private static AuthRequest sdkSigned(String method, String pathAndQuery, byte[] body, Map<String, String> extra,
      String token,
      String region, String service, Instant at) {
    return sdkSigned(method, pathAndQuery, body, extra, token, region, service, at, true);
  }

  private static AuthRequest sdkSigned(String method, String pathAndQuery, byte[] body, Map<String, String> extra,
      String token,
      String region, String service, Instant at, boolean signPayload) {
    int question = pathAndQuery.indexOf('?');
    String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
        // The SDK signs every payload sent over plain HTTP, so unsigned payloads need an https request.
        .protocol(signPayload ? "http" : "https").host("127.0.0.1").port(9100).encodedPath(path)
        .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      String[] kv = pair.split("=", 2);
      unsigned.appendRawQueryParameter(kv[0], kv[1]);
    }
    extra.forEach(unsigned::putHeader);
    AwsCredentialsIdentity identity = token == null ? AwsBasicCredentials.create(KEY_ID, SECRET)
        : AwsSessionCredentials.create(KEY_ID, SECRET, token);
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(unsigned.build())
        .payload(() -> new ByteArrayInputStream(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    signed.request()
        .forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    headers.putIfAbsent("host", List.of("127.0.0.1:9100"));
    return new AuthRequest(method, path, query, name -> headers.getOrDefault(name, List.of()), body, "bedrock");
  }

  private static java.util.function.Function<String, List<String>> replace(AuthRequest request, String name,
      String value) {
    return header -> header.equals(name) ? List.of(value) : request.headers().apply(header);
  }

  private static BedrockError refusal(Authenticator authenticator, AuthRequest request) {
    return catchThrowableOfType(BedrockError.class, () -> authenticator.authenticate(request));
  }
}
