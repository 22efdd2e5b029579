package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.Endpoint;
import io.netty.buffer.Unpooled;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.buffer.BufferInternal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** The gateway's signer produces exactly the headers AWS's own SDK signer produces for the same request. */
class SigV4SignerTest {
  private static final Instant NOW = Instant.parse("2026-11-26T21:07:03Z");
  private static final AwsCredentials BASIC = AwsBasicCredentials.create("AKIDEXAMPLE",
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  private static final AwsCredentials SESSION = AwsSessionCredentials.create("ASIAEXAMPLE", "secret/with+chars",
      "token+/=");
  private static final Endpoint RUNTIME = Endpoint.bedrockRuntime("us-east-1");

  @Test
  void signsAnInvokeWithAColonInTheModelIdAsTheSdkDoes() {
    assertSameAsSdk(BASIC, "POST", RUNTIME, "/model/us.anthropic.claude-sonnet-5-5-20260915-v1:0/invoke",
        json("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":16,\"messages\":[]}"));
  }

  @Test
  void signsAnArnModelIdWithAnEncodedSlashAndSessionCredentials() {
    assertSameAsSdk(SESSION, "POST", RUNTIME,
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/invoke-with-response-stream",
        json("{\"max_tokens\":1}"));
  }

  @Test
  void signsAControlPlaneListingWithAQueryAndNoBody() {
    assertSameAsSdk(BASIC, "GET", Endpoint.bedrockControlPlane("eu-west-1"),
        "/inference-profiles?typeEquals=SYSTEM_DEFINED&maxResults=1000&nextToken=ab%2Bcd%2F%3D%3D&a1=x&a=y", null);
  }

  @Test
  void signsForAnEndpointWithAPortAndABasePath() {
    assertSameAsSdk(BASIC, "POST", Endpoint.parse("http://127.0.0.1:9100/prefix"), "/model/m/count-tokens", json("{}"));
  }

  @Test
  void signsABodyMadeOfSlicesAsTheSdkSignsItsBytes() {
    byte[] client = "xx{\"model\":\"m\",\"messages\":[{\"content\":\"caf\u00e9 \u2603\"}],\"stream\":true}yy"
        .getBytes(StandardCharsets.UTF_8);
    byte[] version = ",\"anthropic_version\":\"bedrock-2023-05-31\"".getBytes(StandardCharsets.UTF_8);
    // the client's bytes without "model" and "stream", the version appended: four slices, two of one array
    Buffer spliced = BufferInternal.buffer(Unpooled.wrappedBuffer(4,
        Unpooled.wrappedBuffer(client, 2, 1), Unpooled.wrappedBuffer(client, 15, 36),
        Unpooled.wrappedBuffer(version), Unpooled.wrappedBuffer(new byte[] {'}'})));
    assertThat(((BufferInternal) spliced).getByteBuf().nioBufferCount()).isEqualTo(4);
    assertThat(spliced.toString(StandardCharsets.UTF_8)).isEqualTo(
        "{\"messages\":[{\"content\":\"caf\u00e9 \u2603\"}],\"anthropic_version\":\"bedrock-2023-05-31\"}");
    assertSameAsSdk(BASIC, "POST", RUNTIME, "/model/m/invoke", spliced);
    assertSameAsSdk(BASIC, "POST", RUNTIME, "/model/m/invoke",
        BufferInternal.buffer(Unpooled.wrappedBuffer(2, Unpooled.wrappedBuffer(new byte[0]),
            Unpooled.wrappedBuffer(client, 2, 5))));
  }

  @Test
  void collapsesSpacesAndJoinsRepeatedHeadersAsTheSdkDoes() {
    MultiMap headers = HttpHeaders.headers().add("content-type", "application/json")
        .add("x-custom", "  two   spaces  ").add("x-repeated", "a").add("x-repeated", "b");
    assertSameAsSdk(BASIC, "POST", RUNTIME, "/model/m/invoke", headers, Buffer.buffer("{}"));
  }

  @Test
  void leavesHeadersProxiesChangeUnsignedAsTheSdkDoes() {
    MultiMap headers = HttpHeaders.headers().add("content-type", "application/json").add("user-agent", "gateway/1")
        .add("x-amzn-trace-id", "Root=1-abc").add("connection", "keep-alive").add("expect", "100-continue");
    assertSameAsSdk(BASIC, "POST", RUNTIME, "/model/m/invoke", headers, Buffer.buffer("{}"));
    assertThat(headers.get("authorization"))
        .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,");
  }

  @Test
  void replacesAnAuthorizationHeaderInsteadOfSigningIt() {
    MultiMap headers = HttpHeaders.headers().add("content-type", "application/json").add("authorization",
        "Bearer stale");
    SignableRequest request = new SignableRequest("POST", RUNTIME, "/model/m/invoke", headers, Buffer.buffer("{}"));
    new SigV4Signer("us-east-1", "bedrock", Clock.fixed(NOW, ZoneOffset.UTC)).sign(request, BASIC);
    assertThat(headers.getAll("authorization")).singleElement().asString()
        .startsWith("AWS4-HMAC-SHA256 ").contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,");
  }

  @Test
  void derivesANewKeyWhenTheDayOrTheSecretChanges() {
    SigV4Signer today = new SigV4Signer("us-east-1", "bedrock", Clock.fixed(NOW, ZoneOffset.UTC));
    SignableRequest first = request("/model/m/invoke");
    today.sign(first, BASIC);
    SignableRequest rotated = request("/model/m/invoke");
    today.sign(rotated, AwsBasicCredentials.create("AKIDEXAMPLE", "another-secret"));
    assertThat(rotated.headers().get("authorization")).isNotEqualTo(first.headers().get("authorization"));
    SignableRequest again = request("/model/m/invoke");
    today.sign(again, BASIC);
    assertThat(again.headers().get("authorization")).isEqualTo(first.headers().get("authorization"));
  }

  @Test
  void signersTakingTurnsOnOneThreadAndTheNextSecondSignAsFreshOnesDo() {
    MovingClock clock = new MovingClock(NOW);
    SigV4Signer runtime = new SigV4Signer("us-east-1", "bedrock", clock);
    SigV4Signer mantle = new SigV4Signer("us-east-1", "bedrock-mantle", clock);
    for (int turn = 0; turn < 3; turn++) {
      for (SigV4Signer signer : new SigV4Signer[] {runtime, mantle}) {
        String service = signer == runtime ? "bedrock" : "bedrock-mantle";
        SignableRequest reused = request("/model/m/invoke");
        signer.sign(reused, BASIC);
        SignableRequest fresh = request("/model/m/invoke");
        new SigV4Signer("us-east-1", service, Clock.fixed(clock.instant(), ZoneOffset.UTC)).sign(fresh, BASIC);
        assertThat(reused.headers().get("authorization")).as("%s, turn %d", service, turn)
            .isEqualTo(fresh.headers().get("authorization"));
        assertThat(reused.headers().get("x-amz-date")).isEqualTo(fresh.headers().get("x-amz-date"));
      }
      clock.now = clock.now.plusMillis(700); // the second changes on some turns, not on others
    }
    assertThat(clock.now).isAfter(NOW.plusSeconds(2));
  }

  /** A clock a test moves. */
  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static SignableRequest request(String path) {
    return new SignableRequest("POST", RUNTIME, path, HttpHeaders.headers().add("content-type", "application/json"),
        Buffer.buffer("{}"));
  }

  private static Buffer json(String text) {
    return Buffer.buffer(text);
  }

  private static void assertSameAsSdk(AwsCredentials credentials, String method, Endpoint endpoint, String rawPath,
      Buffer body) {
    MultiMap headers = HttpHeaders.headers().add("accept", "application/json");
    if (body != null) {
      headers.add("content-type", "application/json");
    }
    assertSameAsSdk(credentials, method, endpoint, rawPath, headers, body);
  }

  private static void assertSameAsSdk(AwsCredentials credentials, String method, Endpoint endpoint, String rawPath,
      MultiMap headers, Buffer body) {
    String region = endpoint.host().contains("eu-west-1") ? "eu-west-1" : "us-east-1";
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(method))
        .uri(URI
            .create((endpoint.tls() ? "https://" : "http://") + endpoint.authority() + endpoint.basePath() + rawPath));
    headers.forEach(unsigned::appendHeader);
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    Map<String, String> expected = new TreeMap<>();
    AwsV4HttpSigner.create().sign(r -> r.identity(credentials)
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true))
        .request().headers().forEach((name, values) -> expected.put(name.toLowerCase(), String.join(",", values)));

    SignableRequest ours = new SignableRequest(method, endpoint, rawPath, headers, body);
    new SigV4Signer(region, "bedrock", Clock.fixed(NOW, ZoneOffset.UTC)).sign(ours, credentials);
    Map<String, String> actual = new TreeMap<>();
    for (String name : ours.headers().names()) {
      actual.put(name.toLowerCase(), String.join(",", ours.headers().getAll(name)));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(expected.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=");
  }
}
