package dev.claudebedrock.proxy.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Display names and dates derived from model names, for models configured without them. */
final class DisplayNames {
  private static final Pattern DATE = Pattern.compile("-(\\d{8})(?:$|-)");
  private static final Instant UNKNOWN = Instant.parse("2025-01-01T00:00:00Z");

  private DisplayNames() {}

  /** {@code claude-sonnet-4-5-20250929} → {@code Claude Sonnet 4.5}; other names are returned as they are. */
  static String of(String name) {
    if (!name.startsWith("claude-")) {
      return name;
    }
    List<String> words = new ArrayList<>();
    List<String> version = new ArrayList<>();
    for (String part : name.substring("claude-".length()).split("-")) {
      if (part.matches("\\d{8}")) {
        continue;
      }
      if (part.matches("\\d+")) {
        version.add(part);
      } else {
        words.add(part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
      }
    }
    return ("Claude " + String.join(" ", words) + (version.isEmpty() ? "" : " " + String.join(".", version))).strip();
  }

  /** The date embedded in a dated model name, or a fixed early date. */
  static Instant dateOf(String name) {
    Matcher m = DATE.matcher(name);
    if (m.find()) {
      try {
        return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        return UNKNOWN;
      }
    }
    return UNKNOWN;
  }
}
