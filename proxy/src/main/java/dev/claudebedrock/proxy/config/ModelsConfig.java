package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Model-name mapping.
 *
 * @param geoPrefix inference-profile prefix for foundation-model ids: {@code auto} derives it from the region
 * @param entries the served models by client name (built-in table merged with the configured one)
 * @param aliases extra names resolved to an entry name
 */
public record ModelsConfig(String geoPrefix, Map<String, ModelEntry> entries, Map<String, String> aliases) {
  /** Prefixes Bedrock uses for cross-region inference profiles. */
  public static final Set<String> GEO_PREFIXES = Set.of("auto", "none", "global", "us", "us-gov", "eu", "apac", "jp",
      "au", "ca");

  private static final Pattern BEDROCK_ID = Pattern.compile("[a-zA-Z0-9_.:/-]{1,2048}");

  public ModelsConfig {
    entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    aliases = Map.copyOf(aliases);
  }

  static ModelsConfig read(ConfigSection s) {
    String geo = s.oneOf("geo_prefix", "auto", GEO_PREFIXES);
    boolean includeDefaults = s.bool("include_defaults", true);
    Map<String, ModelEntry> entries = new LinkedHashMap<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    if (includeDefaults) {
      DefaultModels.ENTRIES.forEach(e -> entries.put(e.name(), e));
      aliases.putAll(DefaultModels.ALIASES);
    }
    s.node("map").ifPresent(map -> readMap(s, map, entries));
    aliases.putAll(s.stringMap("aliases", Map.of()));
    for (Map.Entry<String, String> alias : aliases.entrySet()) {
      if (!entries.containsKey(alias.getValue())) {
        throw s.invalid("aliases", alias.getKey() + ": " + alias.getValue(),
            "an alias to a model listed in models.map or the built-in table; known models: " + entries.keySet());
      }
    }
    ModelsConfig config = new ModelsConfig(geo, entries, aliases);
    s.finish();
    return config;
  }

  private static void readMap(ConfigSection s, JsonNode map, Map<String, ModelEntry> entries) {
    if (!map.isObject()) {
      throw s.invalid("map", map.toString(), "a mapping of client model names to Bedrock ids");
    }
    for (Map.Entry<String, JsonNode> field : map.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      ModelEntry entry;
      if (value.isTextual()) {
        entry = new ModelEntry(name, checkId(s, name, value.asText()), DisplayNames.of(name), DisplayNames.dateOf(name),
            "");
      } else if (value.isObject()) {
        entry = readLongForm(s, name, value);
      } else {
        throw s.invalid("map", name + ": " + value,
            "a Bedrock id, or a mapping with bedrock_id, display_name, created_at");
      }
      entries.put(name, entry);
    }
  }

  private static ModelEntry readLongForm(ConfigSection s, String name, JsonNode value) {
    Set<String> allowed = Set.of("bedrock_id", "display_name", "created_at", "count_tokens_id");
    value.fieldNames().forEachRemaining(key -> {
      if (!allowed.contains(key)) {
        throw new ConfigException("Unknown configuration key models.map." + name + "." + key + "; allowed: " + allowed);
      }
    });
    String id = checkId(s, name, value.path("bedrock_id").asText(""));
    String display = value.path("display_name").asText(DisplayNames.of(name));
    Instant created = DisplayNames.dateOf(name);
    if (value.hasNonNull("created_at")) {
      String text = value.get("created_at").asText();
      try {
        created = text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
            : Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw s.invalid("map", name + ".created_at: " + text, "a date (2026-01-31) or an ISO-8601 instant");
      }
    }
    String countId = value.path("count_tokens_id").asText("");
    if (!countId.isEmpty()) {
      checkId(s, name, countId);
    }
    return new ModelEntry(name, id, display, created, countId);
  }

  private static String checkId(ConfigSection s, String name, String id) {
    if (!BEDROCK_ID.matcher(id).matches()) {
      throw s.invalid("map", name + ": " + id,
          "a Bedrock model id (anthropic.claude-...), an inference-profile id (us.anthropic.claude-...) or an ARN");
    }
    return id;
  }

  /** Names of the served models, aliases excluded, in table order. */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }
}
