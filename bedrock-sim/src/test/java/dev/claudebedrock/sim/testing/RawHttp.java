package dev.claudebedrock.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP against a simulator, authenticated with the default Bedrock API key unless told otherwise. */
public final class RawHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private RawHttp() {}

  /** The shared client. */
  public static HttpClient client() {
    return CLIENT;
  }

  /** A request builder for a raw path (sent exactly as written) with the bearer API key. */
  public static HttpRequest.Builder request(BedrockSimulator sim, String rawPathAndQuery) {
    return HttpRequest.newBuilder(URI.create(sim.baseUrl() + rawPathAndQuery))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_API_KEY);
  }

  /** POSTs a JSON body with the bearer API key. */
  public static HttpResponse<byte[]> postJson(BedrockSimulator sim, String rawPath, Object body) {
    return send(request(sim, rawPath).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  /** Sends a request and reads the whole body. */
  public static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A control-API call ({@code /_sim/...}) with an optional JSON body. */
  public static HttpResponse<byte[]> control(BedrockSimulator sim, String method, String route, String json) {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json);
    return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/" + route)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").method(method, body).build());
  }

  /** A response body as JSON. */
  public static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JsonBodies.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
    }
  }
}
