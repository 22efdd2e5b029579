package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Bedrock InvokeModel accepts of an Anthropic request: the betas it knows, aliases for betas
 * it knows under another name, the body fields each beta enables (dropped with the beta), and
 * first-party-only fields it always rejects.
 *
 * <p>The defaults follow the best evidence available: what Claude Code itself sends in its Bedrock
 * mode compared with its first-party mode, and betas seen accepted on Bedrock.
 */
public record BedrockPolicyConfig(
    List<String> allowedBetas,
    Map<String, String> betaAliases,
    Map<String, List<String>> betaFields,
    List<String> dropFields) {

  /** Betas forwarded to Bedrock; every other beta is dropped. */
  public static final List<String> DEFAULT_ALLOWED_BETAS = List.of(
      "interleaved-thinking-2025-05-14",
      "compact-2026-01-12",
      "computer-use-2025-01-24",
      "computer-use-2025-11-24",
      "context-1m-2025-08-07",
      "structured-outputs-2025-11-13",
      "token-efficient-tools-2025-02-19",
      "effort-2025-11-24",
      "tool-examples-2025-10-29",
      "tool-search-tool-2025-10-19",
      "fine-grained-tool-streaming-2025-05-14",
      "output-128k-2025-02-19",
      "thinking-token-count-2026-05-13");

  /** Betas Bedrock knows under another name (Claude Code's Bedrock mode sends the right-hand side). */
  public static final Map<String, String> DEFAULT_BETA_ALIASES = Map.of(
      "advanced-tool-use-2025-11-20", "tool-search-tool-2025-10-19");

  /** Body fields a beta enables; removed when the beta is not forwarded. */
  public static final Map<String, List<String>> DEFAULT_BETA_FIELDS = Map.of(
      "per-turn-control-2026-07-01", List.of("messages[].output_config"),
      "tool-search-tool-2025-10-19", List.of("tools[].defer_loading"),
      "fine-grained-tool-streaming-2025-05-14", List.of("tools[].eager_input_streaming"),
      "prompt-caching-scope-2026-01-05", List.of(
          "system[].cache_control.scope", "tools[].cache_control.scope", "messages[].content[].cache_control.scope"),
      "mcp-client-2025-04-04", List.of("mcp_servers"),
      "mcp-client-2025-11-20", List.of("mcp_servers"),
      "dangerous-tool-use-2026-09-03", List.of("safeguards"));

  /** First-party API fields InvokeModel rejects whatever the betas. */
  public static final List<String> DEFAULT_DROP_FIELDS = List.of(
      "service_tier", "container", "inference_geo", "user_profile_id", "cache_control");

  private static final Pattern BETA = Pattern.compile("[a-z0-9][a-z0-9.-]{0,127}");
  private static final Pattern FIELD_PATH = Pattern.compile("[a-z_][a-z0-9_]*(\\[])?(\\.[a-z_][a-z0-9_]*(\\[])?)*");

  public BedrockPolicyConfig {
    allowedBetas = List.copyOf(allowedBetas);
    betaAliases = Map.copyOf(betaAliases);
    betaFields = Map.copyOf(betaFields);
    dropFields = List.copyOf(dropFields);
  }

  /** The built-in policy. */
  public static BedrockPolicyConfig defaults() {
    return new BedrockPolicyConfig(DEFAULT_ALLOWED_BETAS, DEFAULT_BETA_ALIASES, DEFAULT_BETA_FIELDS,
        DEFAULT_DROP_FIELDS);
  }

  static BedrockPolicyConfig read(ConfigSection s) {
    LinkedHashSet<String> allowed = new LinkedHashSet<>(s.strings("allowed_betas", DEFAULT_ALLOWED_BETAS));
    allowed.addAll(s.strings("extra_allowed_betas", List.of()));
    for (String beta : allowed) {
      if (!BETA.matcher(beta).matches()) {
        throw s.invalid("allowed_betas", beta, "beta names such as interleaved-thinking-2025-05-14");
      }
    }
    Map<String, String> aliases = new LinkedHashMap<>(DEFAULT_BETA_ALIASES);
    aliases.putAll(s.stringMap("beta_aliases", Map.of()));
    Map<String, List<String>> fields = new LinkedHashMap<>(DEFAULT_BETA_FIELDS);
    s.node("beta_fields").ifPresent(node -> fields.putAll(readBetaFields(s, node)));
    List<String> drop = s.strings("drop_fields", DEFAULT_DROP_FIELDS);
    drop.forEach(path -> checkPath(s, "drop_fields", path));
    BedrockPolicyConfig config = new BedrockPolicyConfig(List.copyOf(allowed), aliases, fields, drop);
    s.finish();
    return config;
  }

  private static Map<String, List<String>> readBetaFields(ConfigSection s, JsonNode node) {
    if (!node.isObject()) {
      throw s.invalid("beta_fields", node.toString(), "a mapping of beta names to lists of field paths");
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isArray()) {
        throw s.invalid("beta_fields", e.getKey() + ": " + e.getValue(), "a list of field paths for each beta");
      }
      List<String> paths = new ArrayList<>();
      e.getValue().forEach(p -> paths.add(checkPath(s, "beta_fields", p.asText())));
      result.put(e.getKey(), List.copyOf(paths));
    }
    return result;
  }

  private static String checkPath(ConfigSection s, String key, String path) {
    if (!FIELD_PATH.matcher(path).matches()) {
      throw s.invalid(key, path,
          "field paths such as context_management, messages[].output_config or tools[].defer_loading");
    }
    return path;
  }
}
