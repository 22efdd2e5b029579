package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The input of a request measured in tokens, in the order the prompt cache sees it: tools, system, messages.
 *
 * @param total    all input tokens
 * @param segments the pieces the prompt is made of
 */
public record PromptTokens(int total, List<Segment> segments) {

  /**
   * One cacheable unit: a tool, a system block, a message's framing or a content block.
   *
   * @param tokens   its tokens
   * @param content  what it is made of (for prefix identity); cache_control is ignored
   * @param cacheTtl null when it carries no cache_control, else {@code 5m} or {@code 1h}
   */
  public record Segment(int tokens, JsonNode content, String cacheTtl) {}

  /** Whether any segment carries a cache breakpoint. */
  public boolean hasBreakpoints() {
    for (Segment segment : segments) {
      if (segment.cacheTtl() != null) {
        return true;
      }
    }
    return false;
  }
}
