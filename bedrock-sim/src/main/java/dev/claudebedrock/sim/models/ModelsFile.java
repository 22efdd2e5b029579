package dev.claudebedrock.sim.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code --models} JSON file:
 * <pre>{"models":[{"id":"anthropic.…","anthropicName":"claude-…","displayName":"…","profileOnly":false,
 *   "countTokens":true,"access":true,"geographies":["us","global"]}],
 *   "applicationProfiles":[{"id":"…","name":"…","model":"us.anthropic.…"}]}</pre>
 * Only {@code id} is required; the list replaces the built-in one.
 */
public final class ModelsFile {
  private static final Set<String> MODEL_KEYS = Set.of("id", "anthropicName", "displayName", "profileOnly",
      "countTokens", "access",
      "geographies");
  private static final Set<String> PROFILE_KEYS = Set.of("id", "name", "model");
  private static final Set<String> TOP_KEYS = Set.of("models", "applicationProfiles");

  /** What the file defines. */
  public record Contents(List<ModelSpec> models, List<ApplicationProfileSpec> applicationProfiles) {}

  private ModelsFile() {}

  /** Reads and checks a models file; the message of the exception names the offending entry. */
  public static Contents read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object with a \"models\" array");
    }
    checkKeys(root, TOP_KEYS, file + "");
    JsonNode modelsNode = root.path("models");
    if (!modelsNode.isArray() || modelsNode.isEmpty()) {
      throw new IllegalArgumentException(file + ": \"models\" must be a non-empty array");
    }
    List<ModelSpec> models = new ArrayList<>();
    for (int i = 0; i < modelsNode.size(); i++) {
      models.add(model(modelsNode.get(i), file + ": models[" + i + "]"));
    }
    List<ApplicationProfileSpec> profiles = new ArrayList<>();
    JsonNode profilesNode = root.path("applicationProfiles");
    for (int i = 0; i < profilesNode.size(); i++) {
      profiles.add(profile(profilesNode.get(i), file + ": applicationProfiles[" + i + "]"));
    }
    return new Contents(models, profiles);
  }

  private static ModelSpec model(JsonNode node, String where) {
    checkKeys(node, MODEL_KEYS, where);
    String id = requiredText(node, "id", where);
    String anthropicName = node.path("anthropicName").asText(ModelSpec.defaultAnthropicName(id));
    boolean profileOnly = node.path("profileOnly").asBoolean(false);
    return new ModelSpec(id, anthropicName, node.path("displayName").asText(anthropicName), profileOnly,
        node.path("countTokens").asBoolean(!profileOnly), node.path("access").asBoolean(true),
        geographies(node.get("geographies"), where));
  }

  private static List<String> geographies(JsonNode node, String where) {
    if (node == null) {
      return List.of();
    }
    List<String> geos = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(geo -> geos.add(geo.asText()));
    }
    if (!node.isArray() || geos.isEmpty() || !GeoPrefixes.ALL.containsAll(geos)) {
      throw new IllegalArgumentException(where + ": \"geographies\" must be a non-empty array of " + GeoPrefixes.ALL);
    }
    return geos;
  }

  private static ApplicationProfileSpec profile(JsonNode node, String where) {
    checkKeys(node, PROFILE_KEYS, where);
    String id = requiredText(node, "id", where);
    return new ApplicationProfileSpec(id, node.path("name").asText(id), requiredText(node, "model", where));
  }

  private static String requiredText(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": \"" + key + "\" must be a non-empty string");
    }
    return value.asText();
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown key \"" + name + "\" (allowed: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }
}
