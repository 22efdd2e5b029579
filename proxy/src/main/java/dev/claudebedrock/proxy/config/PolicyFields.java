package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks shared by the JSON forms of budgets, limits and the models a key or team may use. */
public final class PolicyFields {
  private PolicyFields() {}

  /** Fails unless {@code json} is an object whose fields are all in {@code allowed}. */
  public static void requireObject(JsonNode json, String name, Set<String> allowed) {
    if (!json.isObject()) {
      throw new IllegalArgumentException(name + " must be an object");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException(name + "." + field + ": unknown field; allowed: " + new TreeSet<>(allowed));
      }
    }
  }

  /** A list of model names, or null (no restriction) for an absent or null value. */
  public static List<String> models(JsonNode json) {
    if (json == null || json.isNull()) {
      return null;
    }
    if (!json.isArray()) {
      throw new IllegalArgumentException("models must be a list of model names");
    }
    List<String> models = new ArrayList<>();
    for (JsonNode item : json) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new IllegalArgumentException("models must be a list of non-empty model names");
      }
      models.add(item.asText().strip());
    }
    return List.copyOf(models);
  }
}
