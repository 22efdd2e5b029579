package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One section of the configuration file, read key by key with validation.
 *
 * <p>Every key is looked up in the environment first ({@link EnvNames}), then in the file, then
 * falls back to its default. Each read records the key, so {@link #finish()} can reject keys
 * nobody asked for: a typo in the file stops start-up instead of being silently ignored.
 */
public final class ConfigSection {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String path;
  private final JsonNode node;
  private final Environment env;
  private final String fileOrigin;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigSection(String path, JsonNode node, Environment env, String fileOrigin) {
    this.path = path;
    this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
    this.env = env;
    this.fileOrigin = fileOrigin;
    if (!this.node.isMissingNode() && !this.node.isObject()) {
      throw new ConfigException(
          label(path) + " in " + fileOrigin + " is " + describe(this.node) + "; it must be a mapping of keys");
    }
  }

  /** The dotted path of this section ({@code server}, {@code aws}, ...). */
  public String path() {
    return path;
  }

  /** The environment the section reads from. */
  Environment environment() {
    return env;
  }

  /** A string; empty strings count as unset. */
  public String string(String key, String defaultValue) {
    return raw(key).map(Value::text).filter(s -> !s.isEmpty()).orElse(defaultValue);
  }

  /** A secret string: never echoed in error messages. Empty when unset. */
  public String secret(String key) {
    return raw(key).map(Value::text).orElse("");
  }

  /** An integer within {@code [min, max]}. */
  public int integer(String key, int defaultValue, int min, int max) {
    Optional<Value> value = raw(key);
    if (value.isEmpty() || value.get().text().isEmpty()) {
      return defaultValue;
    }
    Value v = value.get();
    try {
      long parsed = Long.parseLong(v.text().strip().replace("_", ""));
      if (parsed < min || parsed > max) {
        throw invalid(key, v, "an integer between " + min + " and " + max);
      }
      return (int) parsed;
    } catch (NumberFormatException e) {
      throw invalid(key, v, "an integer between " + min + " and " + max);
    }
  }

  /** A boolean: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}. */
  public boolean bool(String key, boolean defaultValue) {
    Optional<Value> value = raw(key);
    if (value.isEmpty() || value.get().text().isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().text().strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw invalid(key, value.get(), "true or false");
    };
  }

  /** One of a fixed set of words (compared case-insensitively, returned lower-case). */
  public String oneOf(String key, String defaultValue, Set<String> allowed) {
    String text = string(key, defaultValue).strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(text)) {
      throw invalid(key, raw(key).orElse(new Value(text, "the default", false)), "one of " + new TreeSet<>(allowed));
    }
    return text;
  }

  /** One of an enum's values, by its {@link ConfigWord} (compared case-insensitively). */
  public <E extends Enum<E> & ConfigWord> E choice(String key, E defaultValue) {
    Map<String, E> byWord = new LinkedHashMap<>();
    for (E value : defaultValue.getDeclaringClass().getEnumConstants()) {
      byWord.put(value.word(), value);
    }
    return byWord.get(oneOf(key, defaultValue.word(), byWord.keySet()));
  }

  /**
   * A duration written as a whole number of {@code unit} within {@code [min, max]}: the key's name
   * says which unit ({@code _ms}, {@code _seconds}).
   */
  public Duration duration(String key, int defaultValue, int min, int max, ChronoUnit unit) {
    return Duration.of(integer(key, defaultValue, min, max), unit);
  }

  /** A list of strings; from the environment, comma-separated or a YAML flow list. */
  public List<String> strings(String key, List<String> defaultValue) {
    Optional<Value> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Value v = value.get();
    JsonNode list = v.node();
    if (list == null) {
      String text = v.text().strip();
      if (!text.startsWith("[")) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",")) {
          if (!part.isBlank()) {
            items.add(part.strip());
          }
        }
        return List.copyOf(items);
      }
      list = parseFlow(key, v);
    }
    if (!list.isArray()) {
      throw invalid(key, v, "a list of strings");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isValueNode() || item.isNull()) {
        throw invalid(key, v, "a list of strings");
      }
      items.add(item.asText());
    }
    return List.copyOf(items);
  }

  /** A map of strings; from the environment, {@code a=b,c=d} or a YAML flow mapping. */
  public Map<String, String> stringMap(String key, Map<String, String> defaultValue) {
    Optional<Value> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Value v = value.get();
    JsonNode map = v.node();
    if (map == null) {
      String text = v.text().strip();
      if (!text.startsWith("{")) {
        Map<String, String> items = new LinkedHashMap<>();
        for (String part : text.split(",")) {
          if (part.isBlank()) {
            continue;
          }
          int eq = part.indexOf('=');
          if (eq <= 0) {
            throw invalid(key, v, "a mapping written as key=value pairs separated by commas");
          }
          items.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return Collections.unmodifiableMap(items);
      }
      map = parseFlow(key, v);
    }
    if (!map.isObject()) {
      throw invalid(key, v, "a mapping of strings to strings");
    }
    Map<String, String> items = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw invalid(key, v, "a mapping of strings to strings (" + e.getKey() + " is not a string)");
      }
      items.put(e.getKey(), e.getValue().asText());
    }
    return Collections.unmodifiableMap(items);
  }

  /** A nested section; absent sections read as empty. An environment variable may give it whole, as YAML flow. */
  public ConfigSection section(String key) {
    known.add(key);
    String keyPath = child(key);
    for (String name : EnvNames.forPath(keyPath)) {
      Optional<Environment.Setting> setting = env.lookup(name);
      if (setting.isPresent()) {
        Value value = new Value(setting.get().value(), setting.get().origin(), false);
        return new ConfigSection(keyPath, parseFlow(key, value), env, setting.get().origin());
      }
    }
    return new ConfigSection(keyPath, node.get(key), env, fileOrigin);
  }

  /** A list of nested sections (e.g. named keys or targets); from the environment as a YAML flow list. */
  public List<ConfigSection> sections(String key) {
    Optional<Value> value = raw(key);
    if (value.isEmpty()) {
      return List.of();
    }
    Value v = value.get();
    JsonNode list = v.node() != null ? v.node() : parseFlow(key, v);
    if (!list.isArray()) {
      throw invalid(key, v, "a list of mappings");
    }
    List<ConfigSection> items = new ArrayList<>();
    int i = 0;
    for (JsonNode item : list) {
      items.add(new ConfigSection(child(key) + "[" + i++ + "]", item, env, v.origin()));
    }
    return List.copyOf(items);
  }

  /** The raw value of a key as a tree (from the file, or an environment value parsed as YAML flow). */
  public Optional<JsonNode> node(String key) {
    return raw(key).map(v -> v.node() != null ? v.node() : parseFlow(key, v));
  }

  /** The names of this section's keys in the file, in file order (for free-form maps of sections). */
  public List<String> fileKeys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Converts a value with a validating parser; the parser's message becomes "what is allowed". */
  public <T> T parsed(String key, T defaultValue, Function<String, T> parser, String allowed) {
    Optional<Value> value = raw(key);
    if (value.isEmpty() || value.get().text().isEmpty()) {
      return defaultValue;
    }
    try {
      return parser.apply(value.get().text().strip());
    } catch (IllegalArgumentException e) {
      throw invalid(key, value.get(), allowed);
    }
  }

  /**
   * An endpoint URL: the key (its environment variables, then the file), else {@code convention} (the AWS SDKs'
   * settings), else {@code defaultValue}. The endpoint notes which of them gave it, for messages that name the
   * setting without showing the host.
   */
  public Endpoint endpoint(String key, Supplier<Optional<Environment.Setting>> convention, Endpoint defaultValue) {
    Optional<Value> value = raw(key).filter(v -> !v.text().isEmpty());
    if (value.isEmpty()) {
      value = convention.get().map(s -> new Value(s.value(), s.origin(), false));
    }
    if (value.isEmpty()) {
      return defaultValue.withSetting(child(key) + " (unset: the regional endpoint)");
    }
    Value v = value.get();
    try {
      return Endpoint.parse(v.text().strip()).withSetting(child(key) + ", from " + v.origin());
    } catch (IllegalArgumentException e) {
      throw invalid(key, v, "an http(s) base URL such as " + defaultValue.url());
    }
  }

  /** Builds the error for a value this section cannot accept. */
  public ConfigException invalid(String key, String value, String allowed) {
    return invalid(key, new Value(value, fileOrigin, false), allowed);
  }

  /** Rejects keys in the file that no reader asked for; call once all keys are read. */
  public void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String key = it.next();
      if (!known.contains(key)) {
        StringBuilder message = new StringBuilder("Unknown configuration key ")
            .append(child(key)).append(" in ").append(fileOrigin).append('.');
        String suggestion = closest(key);
        if (suggestion != null) {
          message.append(" Did you mean ").append(child(suggestion)).append('?');
        }
        message.append(" Keys allowed in ").append(label(path)).append(": ").append(String.join(", ", known));
        throw new ConfigException(message.toString());
      }
    }
  }

  private Optional<Value> raw(String key) {
    known.add(key);
    String keyPath = child(key);
    for (String name : EnvNames.forPath(keyPath)) {
      Optional<Environment.Setting> setting = env.lookup(name);
      if (setting.isPresent()) {
        return Optional.of(new Value(setting.get().value(), setting.get().origin(), EnvNames.isSecret(keyPath)));
      }
    }
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    boolean secret = EnvNames.isSecret(keyPath);
    if (value.isContainerNode()) {
      return Optional.of(new Value(value.toString(), fileOrigin, secret, value));
    }
    return Optional.of(new Value(value.asText(), fileOrigin, secret));
  }

  private JsonNode parseFlow(String key, Value v) {
    try {
      return YAML.readTree(v.text());
    } catch (IOException e) {
      throw invalid(key, v, "YAML flow syntax, e.g. [a, b] or {a: b}");
    }
  }

  private ConfigException invalid(String key, Value v, String allowed) {
    String shown = v.secret() ? "<redacted>" : '"' + v.text() + '"';
    return new ConfigException(
        "Invalid configuration: " + child(key) + " = " + shown + " (from " + v.origin() + "): expected " + allowed);
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String label(String path) {
    return path.isEmpty() ? "the top level" : path;
  }

  private static String describe(JsonNode node) {
    return node.isArray() ? "a list" : "the value \"" + node.asText() + '"';
  }

  private String closest(String key) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int d = distance(key, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private record Value(String text, String origin, boolean secret, JsonNode node) {
    Value(String text, String origin, boolean secret) {
      this(text, origin, secret, null);
    }
  }
}
