package dev.claudebedrock.proxy.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A gateway with governance on (admin token, a SQLite store in a temporary folder) and helpers to drive it. */
final class GovernedGateway implements AutoCloseable {
  static final String ADMIN = "admin-token-for-tests-0001";

  final GatewayHarness harness;

  private GovernedGateway(GatewayHarness harness) {
    this.harness = harness;
  }

  static GovernedGateway start(Path dir, String yaml, Map<String, String> env) {
    Map<String, String> vars = new HashMap<>(Map.of("ADMIN_API_TOKEN", ADMIN,
        "DATABASE_URL", "sqlite:" + dir.resolve("gateway.db"),
        "BEDROCK_PROXY_GOVERNANCE_LEDGER_FLUSH_INTERVAL_MS", "20"));
    vars.putAll(env);
    return new GovernedGateway(GatewayHarness.start(yaml, vars));
  }

  /** An admin API call with the admin token. */
  HttpResponse<String> admin(String method, String path, String json) {
    return call(method, path, json, "Bearer " + ADMIN);
  }

  /** An admin API call's JSON answer, which must have the given status. */
  JsonNode adminJson(String method, String path, String json, int status) {
    HttpResponse<String> response = admin(method, path, json);
    if (response.statusCode() != status) {
      throw new AssertionError(method + " " + path + ": expected " + status + ", got " + response.statusCode() + " "
          + response.body());
    }
    return json(response.body());
  }

  HttpResponse<String> call(String method, String path, String json, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.url() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("content-type", "application/json");
    }
    if (authorization != null) {
      request.header("authorization", authorization);
    }
    return harness.send(request.build());
  }

  /** {@code POST /v1/messages} with a key. */
  HttpResponse<String> messages(String key, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "authorization";
    all[1] = "Bearer " + key;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return harness.post("/v1/messages", body, all);
  }

  /** Creates a key and returns its creation answer (with the secret under {@code key}). */
  JsonNode createKey(String json) {
    return adminJson("POST", "/admin/v1/keys", json, 201);
  }

  static String hello(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":50,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the ledger shows {@code count} rows for a key (it is written in batches). */
  JsonNode awaitRequests(String keyId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode rows = null;
    while (System.nanoTime() < deadline) {
      rows = adminJson("GET", "/admin/v1/requests?key_id=" + keyId, null, 200).get("data");
      if (rows.size() >= count) {
        return rows;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("expected " + count + " ledger rows for " + keyId + ", got " + rows);
  }

  /** Rate limits count per UTC minute: a test that must stay inside one waits for a fresh minute when this one ends soon. */
  static void awaitRoomInThisMinute() throws InterruptedException {
    long intoMinute = System.currentTimeMillis() % 60_000;
    if (intoMinute > 50_000) {
      Thread.sleep(60_000 - intoMinute + 100);
    }
  }

  /** The value of one series of {@code /metrics}, or 0 when it is absent. */
  double metric(String series) {
    for (String line : harness.get("/metrics", true).body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    return 0;
  }

  @Override
  public void close() {
    harness.close();
  }
}
