package dev.claudebedrock.sim.reply;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instructions a test writes into its last user text to shape the reply, e.g. {@code [[sim:tokens=50]]}.
 *
 * @param tokens         exact number of text tokens (text deltas) to produce, or null for the echo
 * @param tool           tool to call: a tool name, {@code ""} for the first tool, or null for none
 * @param thinkingTokens exact number of thinking tokens when thinking is on, or null for the default
 */
public record Directives(Integer tokens, String tool, Integer thinkingTokens) {
  static final Directives NONE = new Directives(null, null, null);
  private static final Pattern DIRECTIVE = Pattern.compile("\\[\\[sim:([a-z-]+)(?:=([^\\]]*))?]]");

  /** A text with its directives taken out. */
  record Parsed(String text, Directives directives) {}

  /** Extracts the directives from a text; unknown directive names are left in the text. */
  static Parsed parse(String text) {
    if (text.indexOf("[[sim:") < 0) {
      return new Parsed(text, NONE);
    }
    Integer tokens = null;
    String tool = null;
    Integer thinking = null;
    StringBuilder rest = new StringBuilder();
    Matcher m = DIRECTIVE.matcher(text);
    while (m.find()) {
      String value = m.group(2) == null ? "" : m.group(2).trim();
      boolean known = true;
      switch (m.group(1)) {
        case "tokens" -> tokens = nonNegative(value);
        case "tool" -> tool = value;
        case "thinking" -> thinking = nonNegative(value);
        default -> known = false;
      }
      m.appendReplacement(rest, known ? " " : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(rest);
    return new Parsed(rest.toString(), new Directives(tokens, tool, thinking));
  }

  private static Integer nonNegative(String value) {
    try {
      int n = Integer.parseInt(value);
      return n < 0 ? null : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
