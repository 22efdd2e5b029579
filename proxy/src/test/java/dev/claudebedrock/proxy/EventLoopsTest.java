package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every configured event loop serves: the gateway's capacity is the machine's, not one core's. */
class EventLoopsTest {

  @ParameterizedTest(name = "{0} event loops, upstream HTTP/{1}")
  @CsvSource({"2, 1.1", "2, 2", "4, 1.1", "4, 2"})
  void eachVerticleRunsOnAnEventLoopOfItsOwn(int loops, String httpVersion) throws Exception {
    try (GatewayHarness harness = GatewayHarness.start("", Map.of(
        "BEDROCK_PROXY_SERVER_EVENT_LOOPS", Integer.toString(loops),
        "BEDROCK_PROXY_UPSTREAM_HTTP_VERSION", httpVersion))) {
      assertThat(harness.gateway.servingThreads()).hasSize(loops).doesNotHaveDuplicates()
          .allSatisfy(thread -> assertThat(thread).startsWith("vert.x-eventloop-thread-"));

      // Connections are spread over the loops; each must reach Bedrock through its loop's own client.
      for (int i = 0; i < 2 * loops; i++) {
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> reply = fresh.send(HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
            .header("x-api-key", GatewayHarness.TOKEN).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"claude-sonnet-5-5\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        fresh.close();
      }
    }
  }
}
