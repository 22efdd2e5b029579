package dev.claudebedrock.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.faults.FaultQueue;
import dev.claudebedrock.sim.faults.FaultScript;
import dev.claudebedrock.sim.reply.PromptCache;
import dev.claudebedrock.sim.stream.Timing;
import dev.claudebedrock.sim.validation.JsonBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The test-control API under {@code /_sim/}: fault scripts, recorded requests, timing and the prompt cache.
 * It needs no AWS authentication and only exists when the simulator was started with it.
 */
public final class ControlApi {
  /** The path prefix of every control route. */
  public static final String PREFIX = "/_sim/";

  private final FaultQueue faults;
  private final RequestRecorder recorder;
  private final AtomicReference<Timing> timing;
  private final PromptCache promptCache;

  /** A control API over the simulator's state. */
  public ControlApi(FaultQueue faults, RequestRecorder recorder, AtomicReference<Timing> timing,
      PromptCache promptCache) {
    this.faults = faults;
    this.recorder = recorder;
    this.timing = timing;
    this.promptCache = promptCache;
  }

  /** Answers a request whose path starts with {@link #PREFIX}. */
  public void handle(HttpServerRequest request, String path) {
    request.body().onSuccess(body -> {
      try {
        route(request, path.substring(PREFIX.length()), body);
      } catch (IllegalArgumentException e) {
        reply(request, 400, message(e.getMessage()));
      }
    });
  }

  private void route(HttpServerRequest request, String route, Buffer body) {
    HttpMethod method = request.method();
    switch (route) {
      case "health" ->
        onlyGet(request, () -> reply(request, 200, JsonBodies.MAPPER.createObjectNode().put("status", "ok")));
      case "faults" -> {
        if (method == HttpMethod.POST) {
          faults.script(FaultJson.parse(json(body)));
          reply(request, 201, faultList());
        } else if (method == HttpMethod.GET) {
          reply(request, 200, faultList());
        } else if (method == HttpMethod.DELETE) {
          faults.clear();
          reply(request, 204, null);
        } else {
          notAllowed(request);
        }
      }
      case "requests" -> {
        if (method == HttpMethod.GET) {
          ObjectNode out = JsonBodies.MAPPER.createObjectNode();
          ArrayNode list = out.putArray("requests");
          recorder.snapshot().forEach(r -> list.add(RecordedRequestJson.render(r)));
          reply(request, 200, out);
        } else if (method == HttpMethod.DELETE) {
          recorder.clear();
          reply(request, 204, null);
        } else {
          notAllowed(request);
        }
      }
      case "timing" -> {
        if (method == HttpMethod.PUT) {
          timing.set(updatedTiming(timing.get(), json(body)));
          reply(request, 200, timingJson());
        } else if (method == HttpMethod.GET) {
          reply(request, 200, timingJson());
        } else {
          notAllowed(request);
        }
      }
      case "cache" -> {
        if (method == HttpMethod.DELETE) {
          promptCache.clear();
          reply(request, 204, null);
        } else {
          notAllowed(request);
        }
      }
      default -> reply(request, 404, message("No control route " + method + " " + PREFIX + route));
    }
  }

  private static Timing updatedTiming(Timing current, JsonNode json) {
    JsonNode firstByte = json.path("firstByteMs");
    JsonNode tps = json.path("tokensPerSecond");
    if ((!firstByte.isMissingNode() && (!firstByte.isIntegralNumber() || firstByte.asLong() < 0))
        || (!tps.isMissingNode() && (!tps.isNumber() || tps.asDouble() < 0))) {
      throw new IllegalArgumentException("expected {\"firstByteMs\": integer >= 0, \"tokensPerSecond\": number >= 0}");
    }
    return new Timing(firstByte.isMissingNode() ? current.firstByte() : Duration.ofMillis(firstByte.asLong()),
        tps.isMissingNode() ? current.tokensPerSecond() : tps.asDouble());
  }

  private ObjectNode faultList() {
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("faults");
    for (FaultScript script : faults.pending()) {
      list.add(FaultJson.render(script));
    }
    return out;
  }

  private ObjectNode timingJson() {
    Timing now = timing.get();
    return JsonBodies.MAPPER.createObjectNode().put("firstByteMs", now.firstByte().toMillis())
        .put("tokensPerSecond", now.tokensPerSecond());
  }

  private static JsonNode json(Buffer body) {
    try {
      JsonNode node = JsonBodies.MAPPER.readTree(body.getBytes());
      if (node == null || !(node.isObject() || node.isArray())) {
        throw new IllegalArgumentException("expected a JSON object or array");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage());
    }
  }

  private static void onlyGet(HttpServerRequest request, Runnable action) {
    if (request.method() == HttpMethod.GET) {
      action.run();
    } else {
      notAllowed(request);
    }
  }

  private static void notAllowed(HttpServerRequest request) {
    reply(request, 405, message("Method " + request.method() + " not allowed here"));
  }

  private static ObjectNode message(String text) {
    return JsonBodies.MAPPER.createObjectNode().put("message", text);
  }

  private static void reply(HttpServerRequest request, int status, JsonNode body) {
    var response = request.response().setStatusCode(status);
    if (body == null) {
      response.end();
    } else {
      response.putHeader("Content-Type", "application/json").end(body.toString());
    }
  }
}
