package dev.claudebedrock.proxy.observability;

import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's health: live while the process serves, ready while it can serve traffic (its
 * readiness checks pass and it is not draining), healthy when ready.
 */
public final class Health {
  private final Map<String, Supplier<String>> checks = new LinkedHashMap<>();
  private volatile boolean draining;

  /** Adds a readiness check: it returns {@code ""} when fine, or what is wrong (no secrets). */
  public synchronized Health check(String name, Supplier<String> problem) {
    checks.put(name, problem);
    return this;
  }

  /** Marks the gateway as shutting down: health and readiness report {@code draining}. */
  public void startDraining() {
    draining = true;
  }

  /** Whether the gateway is shutting down. */
  public boolean draining() {
    return draining;
  }

  /** {@code GET /health}: {@code {"status":"healthy","timestamp":…}}, or 503 {@code unhealthy} / {@code draining}. */
  public Interceptor health() {
    return chain -> {
      String status = draining ? "draining" : problems().isEmpty() ? "healthy" : "unhealthy";
      return reply(status.equals("healthy") ? 200 : 503,
          "{\"status\":\"" + status + "\",\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}");
    };
  }

  /** {@code GET /health/live}: 200 as long as the process answers. */
  public Interceptor live() {
    return chain -> reply(200, "{\"status\":\"alive\"}");
  }

  /** {@code GET /health/ready}: 200 when every readiness check passes and the gateway is not draining. */
  public Interceptor ready() {
    return chain -> {
      Map<String, String> problems = problems();
      StringBuilder body = new StringBuilder("{\"status\":\"")
          .append(draining ? "draining" : problems.isEmpty() ? "ready" : "not_ready").append("\",\"checks\":{");
      boolean first = true;
      for (String name : checks.keySet()) {
        String problem = problems.getOrDefault(name, "");
        body.append(first ? "" : ",").append('"').append(name).append("\":\"")
            .append(problem.isEmpty() ? "ok" : escape(problem)).append('"');
        first = false;
      }
      body.append("}}");
      return reply(!draining && problems.isEmpty() ? 200 : 503, body.toString());
    };
  }

  /** The failing checks and what is wrong with each. */
  public synchronized Map<String, String> problems() {
    Map<String, String> problems = new LinkedHashMap<>();
    checks.forEach((name, check) -> {
      String problem = check.get();
      if (problem != null && !problem.isEmpty()) {
        problems.put(name, problem);
      }
    });
    return problems;
  }

  private static Future<Reply> reply(int status, String json) {
    return Future.succeededFuture(new Reply.Complete(status,
        HttpHeaders.headers().add("content-type", "application/json").add("cache-control", "no-store"),
        Buffer.buffer(json)));
  }

  private static String escape(String text) {
    return new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
