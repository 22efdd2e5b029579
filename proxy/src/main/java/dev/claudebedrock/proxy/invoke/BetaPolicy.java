package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.config.BedrockPolicyConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which betas go to Bedrock: the client's betas (headers and body), renamed by the alias
 * map, kept when Bedrock accepts them. Bedrock answers "invalid beta flag" to anything else, and
 * Claude Code then retries with features stripped; one turn must cost one upstream call.
 */
public final class BetaPolicy {
  private final Set<String> allowed;
  private final Map<String, String> aliases;

  public BetaPolicy(BedrockPolicyConfig config) {
    this.allowed = Set.copyOf(config.allowedBetas());
    this.aliases = config.betaAliases();
  }

  /**
   * Sorts the requested betas into forwarded and dropped.
   *
   * @param headerValues every {@code anthropic-beta} header value (comma-separated lists)
   * @param bodyBetas an {@code anthropic_beta} array already in the body, or null
   */
  public Decision decide(List<String> headerValues, JsonNode bodyBetas) {
    LinkedHashSet<String> requested = new LinkedHashSet<>();
    for (String value : headerValues) {
      for (String beta : value.split(",")) {
        String trimmed = beta.strip();
        if (!trimmed.isEmpty()) {
          requested.add(trimmed);
        }
      }
    }
    if (bodyBetas != null && bodyBetas.isArray()) {
      bodyBetas.forEach(b -> {
        if (b.isTextual() && !b.asText().isBlank()) {
          requested.add(b.asText().strip());
        }
      });
    }
    LinkedHashSet<String> forwarded = new LinkedHashSet<>();
    List<String> dropped = new ArrayList<>();
    for (String beta : requested) {
      String name = aliases.getOrDefault(beta, beta);
      if (allowed.contains(name)) {
        forwarded.add(name);
      } else {
        dropped.add(beta);
      }
    }
    return new Decision(List.copyOf(forwarded), List.copyOf(dropped));
  }

  /**
   * What happened to the requested betas.
   *
   * @param forwarded the betas sent to Bedrock, in request order, aliases applied
   * @param dropped the betas as requested that Bedrock would refuse
   */
  public record Decision(List<String> forwarded, List<String> dropped) {}
}
