package dev.claudebedrock.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.faults.FaultMatch;
import dev.claudebedrock.sim.faults.FaultScript;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes fault scripts in the control API's JSON form (see the README). */
public final class FaultJson {
  private static final Set<String> COMMON = Set.of("kind", "times", "match");
  private static final Map<String, Set<String>> KIND_KEYS = Map.of(
      "http_error", Set.of("errorType", "message", "retryAfterSeconds", "headers", "fields"),
      "exception_frame", Set.of("exceptionType", "afterEvents", "message", "fields"),
      "drop_connection", Set.of("afterEvents"),
      "delay", Set.of("firstByteMs"),
      "stall", Set.of("afterEvents", "ms"));

  private FaultJson() {}

  /** Parses one script object, an array of them, or {@code {"faults":[…]}}; the exception names the bad field. */
  public static List<FaultScript> parse(JsonNode json) {
    JsonNode list = json.isObject() && json.has("faults") ? json.get("faults") : json;
    List<FaultScript> scripts = new ArrayList<>();
    if (list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        scripts.add(script(list.get(i), "faults[" + i + "]"));
      }
    } else {
      scripts.add(script(list, "fault"));
    }
    return scripts;
  }

  private static FaultScript script(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object");
    }
    String kind = node.path("kind").asText();
    Set<String> allowed = KIND_KEYS.get(kind);
    if (allowed == null) {
      throw new IllegalArgumentException(
          where + ".kind: expected one of " + KIND_KEYS.keySet().stream().sorted().toList()
              + ", got '" + kind + "'");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!COMMON.contains(name) && !allowed.contains(name)) {
        throw new IllegalArgumentException(where + "." + name + ": not a field of a " + kind + " fault");
      }
    }
    Fault fault = switch (kind) {
      case "http_error" -> new Fault.HttpError(
          ErrorType.parse(node.path("errorType").asText(null)).orElseThrow(() -> new IllegalArgumentException(
              where + ".errorType: expected one of " + names(ErrorType.values()))),
          node.path("message").asText(null), optionalInt(node, "retryAfterSeconds", where),
          stringMap(node.path("headers"), where + ".headers"), objectMap(node.path("fields")));
      case "exception_frame" -> new Fault.ExceptionFrame(
          StreamExceptionType.parse(node.path("exceptionType").asText(null))
              .orElseThrow(() -> new IllegalArgumentException(
                  where + ".exceptionType: expected one of " + wireNames())),
          afterEvents(node, where), node.path("message").asText(null), objectMap(node.path("fields")));
      case "drop_connection" -> new Fault.DropConnection(afterEvents(node, where));
      case "delay" -> new Fault.Delay(Duration.ofMillis(requiredNonNegative(node, "firstByteMs", where)));
      default -> new Fault.Stall(afterEvents(node, where),
          node.has("ms") ? Duration.ofMillis(requiredNonNegative(node, "ms", where)) : null);
    };
    Integer times = optionalInt(node, "times", where);
    if (times != null && times < 1) {
      throw new IllegalArgumentException(where + ".times: must be at least 1");
    }
    return new FaultScript(fault, times == null ? 1 : times, match(node.path("match"), where + ".match"));
  }

  private static FaultMatch match(JsonNode match, String where) {
    if (match.isMissingNode() || match.isNull()) {
      return FaultMatch.ANY;
    }
    Operation operation = null;
    if (match.hasNonNull("operation")) {
      operation = Operation.parse(match.get("operation").asText()).orElseThrow(() -> new IllegalArgumentException(
          where + ".operation: expected an operation such as InvokeModel, InvokeModelWithResponseStream, CountTokens"));
    }
    return new FaultMatch(operation, match.path("model").asText(null));
  }

  private static int afterEvents(JsonNode node, String where) {
    return node.has("afterEvents") ? requiredNonNegative(node, "afterEvents", where) : 0;
  }

  private static int requiredNonNegative(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
      throw new IllegalArgumentException(where + "." + field + ": expected an integer >= 0");
    }
    return value.asInt();
  }

  private static Integer optionalInt(JsonNode node, String field, String where) {
    return node.has(field) ? requiredNonNegative(node, field, where) : null;
  }

  private static Map<String, String> stringMap(JsonNode node, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isValueNode()) {
        throw new IllegalArgumentException(where + "." + entry.getKey() + ": expected a string");
      }
      out.put(entry.getKey(), entry.getValue().asText());
    }
    return out;
  }

  private static Map<String, Object> objectMap(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      out.put(entry.getKey(), JsonBodies.MAPPER.convertValue(entry.getValue(), Object.class));
    }
    return out;
  }

  /** The JSON form of a script (with the times it has left). */
  public static ObjectNode render(FaultScript script) {
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    Fault fault = script.fault();
    out.put("kind", fault.kind());
    switch (fault) {
      case Fault.HttpError f -> {
        out.put("errorType", f.type().wireName());
        out.put("message", f.message());
        if (f.retryAfterSeconds() != null) {
          out.put("retryAfterSeconds", f.retryAfterSeconds());
        }
        out.set("headers", JsonBodies.MAPPER.valueToTree(f.headers()));
        out.set("fields", JsonBodies.MAPPER.valueToTree(f.fields()));
      }
      case Fault.ExceptionFrame f -> {
        out.put("exceptionType", f.type().wireName());
        out.put("afterEvents", f.afterEvents());
        out.put("message", f.message());
        out.set("fields", JsonBodies.MAPPER.valueToTree(f.fields()));
      }
      case Fault.DropConnection f -> out.put("afterEvents", f.afterEvents());
      case Fault.Delay f -> out.put("firstByteMs", f.firstByte().toMillis());
      case Fault.Stall f -> {
        out.put("afterEvents", f.afterEvents());
        if (f.duration() != null) {
          out.put("ms", f.duration().toMillis());
        }
      }
    }
    out.put("times", script.times());
    ObjectNode match = out.putObject("match");
    match.put("operation", script.match().operation() == null ? null : script.match().operation().awsName());
    match.put("model", script.match().model());
    return out;
  }

  private static List<String> names(ErrorType[] types) {
    List<String> out = new ArrayList<>();
    for (ErrorType type : types) {
      out.add(type.wireName());
    }
    return out;
  }

  private static List<String> wireNames() {
    List<String> out = new ArrayList<>();
    for (StreamExceptionType type : StreamExceptionType.values()) {
      out.add(type.wireName());
    }
    return out;
  }
}
