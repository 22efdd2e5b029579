package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.bedrock.SignableRequest;
import dev.claudebedrock.proxy.core.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists each target's system inference profiles from the Bedrock control plane at start-up and
 * then periodically, so model names map to profiles that exist there. A failed listing keeps what
 * was known before (or the static table).
 */
public final class ProfileDiscovery {
  private static final Logger log = LoggerFactory.getLogger(ProfileDiscovery.class);
  private static final int PAGE = 1000;
  private static final int MAX_PAGES = 20;

  private final Vertx vertx;
  private final BedrockHttpClient client;
  private final Targets targets;
  private long timer = -1;

  public ProfileDiscovery(Vertx vertx, BedrockHttpClient client, Targets targets) {
    this.vertx = vertx;
    this.client = client;
    this.targets = targets;
  }

  /** Lists now, then every {@code interval}; the future completes after the first round. */
  public Future<Void> start(Duration interval) {
    timer = vertx.setPeriodic(interval.toMillis(), id -> refreshAll());
    return refreshAll();
  }

  /** One round over every target. */
  public Future<Void> refreshAll() {
    return Future.join(targets.all().stream().map(this::refresh).toList()).mapEmpty();
  }

  private Future<Void> refresh(Target target) {
    Set<String> ids = new HashSet<>();
    return page(target, "", ids, 0)
        .onSuccess(v -> {
          target.profiles().update(ids);
          log.info("Target {}: {} inference profiles listed", target.name(), ids.size());
        })
        .onFailure(e -> log.warn("Target {}: inference profiles could not be listed ({}); model names map by the table",
            target.name(), e.getMessage()))
        .recover(e -> Future.succeededFuture());
  }

  private Future<Void> page(Target target, String token, Set<String> ids, int pages) {
    String path = "/inference-profiles?maxResults=" + PAGE + "&type=SYSTEM_DEFINED"
        + (token.isEmpty() ? "" : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    SignableRequest request = new SignableRequest("GET", target.controlPlane(), path,
        HttpHeaders.headers().add("accept", "application/json"), null);
    try {
      target.auth().apply(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return client.send(request, cancel -> {}).compose(response -> {
      Future<io.vertx.core.buffer.Buffer> body = response.body();
      response.resume();
      return body.compose(bytes -> {
        if (response.statusCode() != 200) {
          return Future.failedFuture("HTTP " + response.statusCode() + " " + bytes.toString().strip());
        }
        try {
          JsonNode json = Json.MAPPER.readTree(bytes.getBytes());
          json.path("inferenceProfileSummaries").forEach(p -> ids.add(p.path("inferenceProfileId").asText()));
          String next = json.path("nextToken").asText("");
          return next.isEmpty() || pages + 1 >= MAX_PAGES ? Future.succeededFuture()
              : page(target, next, ids, pages + 1);
        } catch (IOException e) {
          return Future.failedFuture("the listing is not JSON");
        }
      });
    });
  }

  /** Stops the periodic listing. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
