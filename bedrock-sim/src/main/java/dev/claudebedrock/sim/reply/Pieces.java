package dev.claudebedrock.sim.reply;

import java.util.ArrayList;
import java.util.List;

/** Cuts reply content into pieces, one output token and one delta each. */
final class Pieces {
  private static final String[] FILLER = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
      + "incididunt ut labore et dolore magna aliqua").split(" ");

  private Pieces() {}

  /** Word pieces: each is the whitespace before a word plus the word; trailing whitespace is a piece of its own. */
  static List<String> words(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      pieces.add(text.substring(start, i));
      start = i;
    }
    return pieces;
  }

  /** Exactly {@code count} words, cycling through the source words (or a filler text when there are none). */
  static String cycle(int count, String source) {
    String[] words = source.isBlank() ? FILLER : source.strip().split(" ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(words[i % words.length]);
    }
    return out.toString();
  }

  /** The first {@code max} words of a whitespace-collapsed text. */
  static String firstWords(String text, int max) {
    int seen = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ' && ++seen == max) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  /** Fixed-size pieces of a string (tool input JSON arrives in several {@code input_json_delta}s). */
  static List<String> chunks(String text, int size) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      pieces.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return pieces;
  }
}
