package dev.claudebedrock.proxy.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** Client traffic to the gateway as Claude Code sends it, a bounded number of requests with bounded concurrency. */
final class Traffic {
  /** A kind of request. */
  enum Kind {
    MESSAGE("/v1/messages", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":32,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello [[sim:tokens=3]]\"}]}"),
    STREAM("/v1/messages", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":32,\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream please [[sim:tokens=3]]\"}]}"),
    COUNT_TOKENS("/v1/messages/count_tokens", "{\"model\":\"claude-haiku-4-5\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"How many tokens is this?\"}]}"),
    /** Deterministic (temperature 0), so the response cache takes part: a miss, then hits. */
    CACHEABLE("/v1/messages", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":32,\"temperature\":0,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"The same question again [[sim:tokens=3]]\"}]}");

    final String path;
    final String body;

    Kind(String path, String body) {
      this.path = path;
      this.body = body;
    }
  }

  /** Statuses of a batch, and the distinct error messages seen. */
  record Result(Map<Integer, Integer> statuses, Set<String> errors) {
    int count(int status) {
      return statuses.getOrDefault(status, 0);
    }

    int total() {
      return statuses.values().stream().mapToInt(Integer::intValue).sum();
    }

    int count5xx() {
      return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
    }
  }

  private final String gateway;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  Traffic(String gateway, String token) {
    this.gateway = gateway;
    this.token = token;
  }

  /** Sends {@code count} requests of a kind, at most {@code concurrency} at a time, and waits for every answer. */
  Result send(Kind kind, int count, int concurrency) {
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    Set<String> errors = ConcurrentHashMap.newKeySet();
    Semaphore slots = new Semaphore(concurrency);
    CompletableFuture<?>[] calls = new CompletableFuture<?>[count];
    for (int i = 0; i < count; i++) {
      slots.acquireUninterruptibly();
      calls[i] = http.sendAsync(request(kind), HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, failure) -> {
            slots.release();
            int status = failure != null ? 0 : response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (failure != null) {
              errors.add(failure.toString());
            } else if (status >= 400) {
              errors.add(status + " " + response.body().substring(0, Math.min(200, response.body().length())));
            }
          });
    }
    CompletableFuture.allOf(calls).exceptionally(e -> null).join();
    return new Result(new TreeMap<>(statuses), Set.copyOf(errors));
  }

  /** One request without a credential (an authentication failure, as a misconfigured client makes). */
  int unauthenticated() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + Kind.MESSAGE.path))
        .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(Kind.MESSAGE.body)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).join().statusCode();
  }

  private HttpRequest request(Kind kind) {
    return HttpRequest.newBuilder(URI.create(gateway + kind.path)).timeout(Duration.ofSeconds(60))
        .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
        .header("x-api-key", token).POST(HttpRequest.BodyPublishers.ofString(kind.body)).build();
  }
}
