package dev.claudebedrock.proxy.openai;

import dev.claudebedrock.proxy.bedrock.ModelIds;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Claude models take structured output ({@code output_config.format} with a JSON schema): Claude 4.5 and
 * later. A model id the gateway cannot read a version from (an application inference profile, a custom model) is
 * left to Bedrock to judge.
 */
final class StructuredOutputs {
  /** {@code anthropic.claude-sonnet-4-5-20250929-v1:0} → 4, 5; {@code anthropic.claude-opus-4-20250514-v1:0} → 4. */
  private static final Pattern CLAUDE = Pattern
      .compile("^anthropic\\.claude-(?:opus|sonnet|haiku)-(\\d+)(?:-(\\d{1,2}))?(?:[-:]|$)");
  private static final Pattern OLD_CLAUDE = Pattern.compile("^anthropic\\.claude-(?:v\\d|instant|3)");

  private StructuredOutputs() {}

  /** Whether a Bedrock model id (foundation model, inference profile or ARN) takes structured output. */
  static boolean supported(String bedrockId) {
    String id = ModelIds.foundationModelId(bedrockId);
    if (OLD_CLAUDE.matcher(id).find()) {
      return false;
    }
    Matcher m = CLAUDE.matcher(id);
    if (!m.find()) {
      return true;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return major > 4 || major == 4 && minor >= 5;
  }
}
