package dev.claudebedrock.sim.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.errors.BedrockError;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Checks an InvokeModel body for Anthropic models the way Bedrock's validator does, reporting the first problem. */
public final class InvokeBodyValidator {
  /** The version every body must name. */
  public static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

  private static final Set<String> TOP_LEVEL = Set.of("anthropic_version", "anthropic_beta", "max_tokens", "messages",
      "system", "stop_sequences", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking", "metadata",
      "output_config", "context_management");
  private static final Set<String> MESSAGE_KEYS = Set.of("role", "content");
  private static final Set<String> ROLES = Set.of("user", "assistant", "system");
  private static final Set<String> TOOL_CHOICES = Set.of("auto", "any", "tool", "none");
  private static final Set<String> THINKING_TYPES = Set.of("enabled", "adaptive", "disabled");
  private static final String COMPACT_BETA = "compact-2026-01-12";
  private static final String COMPACT_EDIT = "compact_20260112";
  private static final int MIN_THINKING_BUDGET = 1024;

  private final BetaPolicy betas;

  /** A validator accepting the given betas. */
  public InvokeBodyValidator(BetaPolicy betas) {
    this.betas = betas;
  }

  /** Throws a 400 ValidationException for the first problem of the body, or returns normally. */
  public void validate(ObjectNode body) {
    checkTopLevelKeys(body);
    checkVersion(body.get("anthropic_version"));
    checkBetas(body.get("anthropic_beta"));
    int maxTokens = checkMaxTokens(body.get("max_tokens"));
    checkMessages(body.get("messages"));
    checkStringOrList("system", body.get("system"));
    checkStringList("stop_sequences", body.get("stop_sequences"));
    checkNumber("temperature", body.get("temperature"));
    checkNumber("top_p", body.get("top_p"));
    checkInteger("top_k", body.get("top_k"));
    checkTools(body.get("tools"));
    String toolChoice = checkToolChoice(body.get("tool_choice"));
    checkThinking(body.get("thinking"), maxTokens, toolChoice);
    checkObject("metadata", body.get("metadata"));
    checkObject("output_config", body.get("output_config"));
  }

  private void checkTopLevelKeys(ObjectNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String key = field.getKey();
      boolean allowed = key.equals("context_management") ? compactionAllowed(body, field.getValue())
          : TOP_LEVEL.contains(key);
      if (!allowed) {
        throw extraInput(key);
      }
    }
  }

  // Bedrock only takes context_management for server-side compaction, and only with its beta.
  private static boolean compactionAllowed(ObjectNode body, JsonNode contextManagement) {
    boolean betaPresent = false;
    for (JsonNode beta : body.path("anthropic_beta")) {
      betaPresent |= COMPACT_BETA.equals(beta.asText());
    }
    JsonNode edits = contextManagement.path("edits");
    if (!betaPresent || !edits.isArray() || edits.isEmpty()) {
      return false;
    }
    for (JsonNode edit : edits) {
      if (!COMPACT_EDIT.equals(edit.path("type").asText())) {
        return false;
      }
    }
    return true;
  }

  private static void checkVersion(JsonNode version) {
    if (version == null) {
      throw required("anthropic_version");
    }
    if (!version.isTextual() || !ANTHROPIC_VERSION.equals(version.asText())) {
      throw BedrockError.validation("anthropic_version: Input should be '" + ANTHROPIC_VERSION + "'");
    }
  }

  private void checkBetas(JsonNode list) {
    if (list == null) {
      return;
    }
    if (!list.isArray()) {
      throw BedrockError.validation("anthropic_beta: Input should be a valid list");
    }
    for (JsonNode beta : list) {
      if (!beta.isTextual() || !betas.accepts(beta.asText())) {
        throw BedrockError.validation("invalid beta flag");
      }
    }
  }

  private static int checkMaxTokens(JsonNode maxTokens) {
    if (maxTokens == null) {
      throw required("max_tokens");
    }
    if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()) {
      throw BedrockError.validation("max_tokens: Input should be a valid integer");
    }
    if (maxTokens.asInt() < 1) {
      throw BedrockError.validation("max_tokens: Input should be greater than or equal to 1");
    }
    return maxTokens.asInt();
  }

  private static void checkMessages(JsonNode messages) {
    if (messages == null) {
      throw required("messages");
    }
    if (!messages.isArray()) {
      throw BedrockError.validation("messages: Input should be a valid list");
    }
    if (messages.isEmpty()) {
      throw BedrockError.validation("messages: List should have at least 1 item after validation, not 0");
    }
    for (int i = 0; i < messages.size(); i++) {
      checkMessage(messages.get(i), "messages." + i);
    }
  }

  private static void checkMessage(JsonNode message, String path) {
    if (!message.isObject()) {
      throw BedrockError.validation(path + ": Input should be a valid dictionary");
    }
    for (Iterator<String> names = message.fieldNames(); names.hasNext();) {
      String key = names.next();
      if (!MESSAGE_KEYS.contains(key)) {
        throw extraInput(path + "." + key);
      }
    }
    JsonNode role = message.get("role");
    if (role == null) {
      throw required(path + ".role");
    }
    if (!ROLES.contains(role.asText()) || !role.isTextual()) {
      throw BedrockError.validation(path + ".role: Input should be 'user', 'assistant' or 'system'");
    }
    JsonNode content = message.get("content");
    if (content == null) {
      throw required(path + ".content");
    }
    checkStringOrList(path + ".content", content);
  }

  private static void checkTools(JsonNode tools) {
    if (tools == null) {
      return;
    }
    if (!tools.isArray()) {
      throw BedrockError.validation("tools: Input should be a valid list");
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode name = tools.get(i).get("name");
      if (name == null || !name.isTextual()) {
        throw required("tools." + i + ".name");
      }
    }
  }

  private static String checkToolChoice(JsonNode choice) {
    if (choice == null) {
      return null;
    }
    String type = choice.path("type").asText();
    if (!choice.isObject() || !TOOL_CHOICES.contains(type)) {
      throw BedrockError.validation("tool_choice: Input tag '" + type + "' found using 'type' does not match any of "
          + "the expected tags: 'auto', 'any', 'tool', 'none'");
    }
    if (type.equals("tool") && !choice.path("name").isTextual()) {
      throw required("tool_choice.tool.name");
    }
    return type;
  }

  private static void checkThinking(JsonNode thinking, int maxTokens, String toolChoice) {
    if (thinking == null) {
      return;
    }
    String type = thinking.path("type").asText();
    if (!thinking.isObject() || !THINKING_TYPES.contains(type)) {
      throw BedrockError.validation("thinking: Input tag '" + type + "' found using 'type' does not match any of "
          + "the expected tags: 'enabled', 'adaptive', 'disabled'");
    }
    if (type.equals("enabled")) {
      JsonNode budget = thinking.get("budget_tokens");
      if (budget == null) {
        throw required("thinking.enabled.budget_tokens");
      }
      if (!budget.isIntegralNumber() || budget.asInt() < MIN_THINKING_BUDGET) {
        throw BedrockError.validation(
            "thinking.enabled.budget_tokens: Input should be greater than or equal to " + MIN_THINKING_BUDGET);
      }
      if (budget.asInt() >= maxTokens) {
        throw BedrockError.validation("`max_tokens` must be greater than `thinking.budget_tokens`.");
      }
    }
    if (!type.equals("disabled") && ("any".equals(toolChoice) || "tool".equals(toolChoice))) {
      throw BedrockError.validation("Thinking may not be enabled when tool_choice forces tool use.");
    }
  }

  private static void checkStringOrList(String path, JsonNode value) {
    if (value != null && !value.isTextual() && !value.isArray()) {
      throw BedrockError.validation(path + ": Input should be a valid string or list");
    }
  }

  private static void checkStringList(String path, JsonNode value) {
    if (value == null) {
      return;
    }
    if (!value.isArray()) {
      throw BedrockError.validation(path + ": Input should be a valid list");
    }
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        throw BedrockError.validation(path + "." + i + ": Input should be a valid string");
      }
    }
  }

  private static void checkNumber(String path, JsonNode value) {
    if (value != null && !value.isNumber()) {
      throw BedrockError.validation(path + ": Input should be a valid number");
    }
  }

  private static void checkInteger(String path, JsonNode value) {
    if (value != null && !value.isIntegralNumber()) {
      throw BedrockError.validation(path + ": Input should be a valid integer");
    }
  }

  private static void checkObject(String path, JsonNode value) {
    if (value != null && !value.isObject()) {
      throw BedrockError.validation(path + ": Input should be a valid dictionary");
    }
  }

  private static BedrockError required(String path) {
    return BedrockError.validation(path + ": Field required");
  }

  private static BedrockError extraInput(String path) {
    return BedrockError.validation(path + ": Extra inputs are not permitted");
  }
}
