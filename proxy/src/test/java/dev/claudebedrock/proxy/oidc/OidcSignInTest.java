package dev.claudebedrock.proxy.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in with an identity provider's tokens against a local issuer (discovery, JWKS, keys generated at run time):
 * valid tokens map to a user and a team whose policy binds them; every kind of bad token is refused; a rotated key
 * is fetched when a token names it; the gateway's own tokens keep working beside it.
 */
class OidcSignInTest {
  private static final String HAIKU = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":20,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String OPUS = HAIKU.replace("claude-haiku-4-5", "claude-opus-5-5");

  @TempDir
  Path dir;
  private LocalIssuer issuer;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    issuer = new LocalIssuer();
    gateway = GatewayHarness.start("""
        auth:
          oidc:
            issuer: %s
            audience: %s
            group_teams: {eng-haiku: haiku-only, eng-all: everything}
        governance:
          teams:
            - {name: haiku-only, models: [claude-haiku-4-5]}
            - {name: everything, limits: {requests_per_minute: 1000}}
        """.formatted(issuer.issuer(), LocalIssuer.AUDIENCE),
        Map.of("DATABASE_URL", "sqlite:" + dir.resolve("gateway.db")));
  }

  @AfterEach
  void stop() {
    gateway.close();
    issuer.close();
  }

  @Test
  void aValidTokenIsTheUserAndTheTeamItsGroupsMapTo() throws Exception {
    String token = issuer.token("alice@example.com", List.of("staff", "eng-haiku"));
    assertThat(call("/v1/messages", token, HAIKU).statusCode()).isEqualTo(200);
    HttpResponse<String> opus = call("/v1/messages", token, OPUS);
    assertThat(opus.statusCode()).as("the team's model list binds the user").isEqualTo(403);
    assertThat(opus.body()).contains("haiku-only");

    JsonNode key = Json.MAPPER.readTree(get("/v1/gateway/key", token).body());
    assertThat(key.toString()).contains("alice@example.com").contains("haiku-only");

    String other = issuer.token("bob@example.com", List.of("eng-all"));
    assertThat(call("/v1/messages", other, OPUS).statusCode()).isEqualTo(200);
    assertThat(call("/v1/messages", GatewayHarness.TOKEN, OPUS).statusCode())
        .as("the gateway's own token still works").isEqualTo(200);
  }

  @Test
  void badTokensAreRefusedSayingWhy() throws Exception {
    List<String> groups = List.of("eng-all");
    assertRefused(issuer.token("a@example.com", groups, c -> c.expirationTime(Date.from(Instant.now()
        .minusSeconds(600)))), "xpired");
    assertRefused(issuer.token("a@example.com", groups, c -> c.audience("someone-else")), "aud");
    assertRefused(issuer.token("a@example.com", groups, c -> c.issuer("http://evil.example")), "iss");
    assertRefused(issuer.token("a@example.com", groups, c -> c.notBeforeTime(Date.from(Instant.now()
        .plusSeconds(600)))), "before");
    // Signed with a key of the same id that the issuer never published.
    assertRefused(LocalIssuer.sign(LocalIssuer.newKey(issuer.currentKey().getKeyID()),
        issuer.claims("a@example.com", groups).build()), "signature");
    assertRefused(new PlainJWT(issuer.claims("a@example.com", groups).build()).serialize(), "");
    // HMAC keyed with the issuer's public key: the classic confusion attack.
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
        .keyID(issuer.currentKey().getKeyID()).build(), issuer.claims("a@example.com", groups).build());
    hmac.sign(new MACSigner(publicKeyBytes()));
    assertRefused(hmac.serialize(), "");
    assertRefused(issuer.token("a@example.com", List.of("nobody-maps-this")), 403, "permission_error",
        "None of your groups");
    assertThat(call("/v1/messages", "not.a.jwt-really", HAIKU).statusCode()).isEqualTo(401);
  }

  @Test
  void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
    assertThat(call("/v1/messages", issuer.token("a@example.com", List.of("eng-all")), HAIKU).statusCode())
        .isEqualTo(200);
    int fetches = issuer.jwksFetches();
    Thread.sleep(1_100);   // past the shortest interval between two fetches of the keys
    issuer.rotate("key-2");
    String rotated = issuer.token("a@example.com", List.of("eng-all"));
    assertThat(call("/v1/messages", rotated, HAIKU).statusCode()).isEqualTo(200);
    assertThat(issuer.jwksFetches()).isGreaterThan(fetches);
  }

  private void assertRefused(String token, String reason) {
    assertRefused(token, 401, "authentication_error", reason);
  }

  private void assertRefused(String token, int status, String type, String reason) {
    HttpResponse<String> response = call("/v1/messages", token, HAIKU);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains(type).contains(reason).doesNotContain(token);
  }

  private byte[] publicKeyBytes() throws JOSEException {
    byte[] encoded = issuer.currentKey().toRSAPublicKey().getEncoded();
    return encoded.length >= 32 ? encoded : new String(encoded, StandardCharsets.ISO_8859_1).repeat(2)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private HttpResponse<String> call(String path, String token, String json) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").header("authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private HttpResponse<String> get(String path, String token) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer " + token).GET().build());
  }
}
