package dev.claudebedrock.proxy.doctor;

import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.SignableRequest;
import dev.claudebedrock.proxy.bedrock.UpstreamAuth;
import dev.claudebedrock.proxy.config.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One InvokeModel call with {@code max_tokens: 1}, signed like the gateway signs (one output token
 * per model checked is all it costs).
 */
final class BedrockProbe implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final byte[] BODY = ("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":1,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}").getBytes(StandardCharsets.UTF_8);
  /** Headers java.net.http sets itself (and refuses from callers); it sends the same values that were signed. */
  private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

  /**
   * How a call ended: an HTTP answer ({@code error} null on success) or no answer at all ({@code failure}).
   */
  record Outcome(int status, BedrockError error, Throwable failure, long millis) {
    boolean answered() {
      return failure == null;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final Endpoint endpoint;
  private final UpstreamAuth auth;

  BedrockProbe(Endpoint endpoint, UpstreamAuth auth) {
    this.endpoint = endpoint;
    this.auth = auth;
  }

  CompletableFuture<Outcome> invoke(String modelId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("content-type", "application/json")
        .set("accept", "application/json");
    SignableRequest signable = new SignableRequest("POST", endpoint, Operation.INVOKE.path(modelId), headers,
        Buffer.buffer(BODY));
    auth.apply(signable);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + signable.rawPath()))
        .timeout(TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(BODY));
    for (Map.Entry<String, String> header : headers) {
      if (!SET_BY_CLIENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        request.header(header.getKey(), header.getValue());
      }
    }
    long start = System.nanoTime();
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (failure != null) {
        return new Outcome(0, null, failure, millis);
      }
      int status = response.statusCode();
      if (status < 300) {
        return new Outcome(status, null, null, millis);
      }
      MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();
      response.headers().map().forEach(responseHeaders::add);
      return new Outcome(status, BedrockError.fromResponse(status, responseHeaders, Buffer.buffer(response.body())),
          null, millis);
    });
  }

  @Override
  public void close() {
    http.close();
  }
}
