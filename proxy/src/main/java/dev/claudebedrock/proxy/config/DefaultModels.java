package dev.claudebedrock.proxy.config;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The built-in model table: the Anthropic API names Claude Code and the SDKs send, mapped to Bedrock
 * foundation-model ids (ARCHITECTURE.md, "Model ids"). Operators extend or override it under {@code models}.
 */
public final class DefaultModels {
  private DefaultModels() {}

  /** Client-facing names with their Bedrock foundation-model ids. */
  public static final List<ModelEntry> ENTRIES = List.of(
      entry("claude-opus-5-5", "anthropic.claude-opus-5-5", "Claude Opus 5.5", "2026-09-01"),
      entry("claude-sonnet-5-5", "anthropic.claude-sonnet-5-5", "Claude Sonnet 5.5", "2026-09-01"),
      entry("claude-haiku-5-5", "anthropic.claude-haiku-5-5", "Claude Haiku 5.5", "2026-09-01"),
      entry("claude-opus-4-8", "anthropic.claude-opus-4-8", "Claude Opus 4.8", "2026-05-01"),
      entry("claude-opus-4-6", "anthropic.claude-opus-4-6-v1", "Claude Opus 4.6", "2026-02-05"),
      entry("claude-sonnet-4-6", "anthropic.claude-sonnet-4-6", "Claude Sonnet 4.6", "2026-02-17"),
      entry("claude-opus-4-5-20251101", "anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", "2025-11-01"),
      entry("claude-sonnet-4-5-20250929", "anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5",
          "2025-09-29"),
      entry("claude-haiku-4-5-20251001", "anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", "2025-10-01"),
      entry("claude-opus-4-1-20250805", "anthropic.claude-opus-4-1-20250805-v1:0", "Claude Opus 4.1", "2025-08-05"),
      entry("claude-opus-4-20250514", "anthropic.claude-opus-4-20250514-v1:0", "Claude Opus 4", "2025-05-14"),
      entry("claude-sonnet-4-20250514", "anthropic.claude-sonnet-4-20250514-v1:0", "Claude Sonnet 4", "2025-05-14"),
      entry("claude-3-7-sonnet-20250219", "anthropic.claude-3-7-sonnet-20250219-v1:0", "Claude Sonnet 3.7",
          "2025-02-19"),
      entry("claude-3-5-haiku-20241022", "anthropic.claude-3-5-haiku-20241022-v1:0", "Claude Haiku 3.5", "2024-10-22"),
      entry("claude-3-5-sonnet-20241022", "anthropic.claude-3-5-sonnet-20241022-v2:0", "Claude Sonnet 3.5 v2",
          "2024-10-22"));

  /** Short names and undated aliases, resolved to an entry's name before mapping. */
  public static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("opus", "claude-opus-5-5"),
      Map.entry("sonnet", "claude-sonnet-5-5"),
      Map.entry("haiku", "claude-haiku-5-5"),
      Map.entry("claude-opus-4-5", "claude-opus-4-5-20251101"),
      Map.entry("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
      Map.entry("claude-haiku-4-5", "claude-haiku-4-5-20251001"),
      Map.entry("claude-opus-4-1", "claude-opus-4-1-20250805"),
      Map.entry("claude-opus-4-0", "claude-opus-4-20250514"),
      Map.entry("claude-sonnet-4-0", "claude-sonnet-4-20250514"),
      Map.entry("claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219"),
      Map.entry("claude-3-5-haiku-latest", "claude-3-5-haiku-20241022"),
      Map.entry("claude-3-5-sonnet-latest", "claude-3-5-sonnet-20241022"));

  private static ModelEntry entry(String name, String bedrockId, String displayName, String date) {
    return new ModelEntry(name, bedrockId, displayName, Instant.parse(date + "T00:00:00Z"), "");
  }
}
