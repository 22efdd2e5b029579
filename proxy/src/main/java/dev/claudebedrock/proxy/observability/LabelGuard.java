package dev.claudebedrock.proxy.observability;

import java.util.function.Predicate;

/**
 * Keeps client-controlled values out of metric labels: only values from a closed set (the models
 * the gateway knows) become labels, every other value is {@code other}. Without it a client could
 * create a time series per request, or one label value of a megabyte, and exhaust the gateway's
 * and Prometheus' memory.
 */
final class LabelGuard {
  static final String OTHER = "other";

  private final Predicate<String> known;

  LabelGuard(Predicate<String> known) {
    this.known = known;
  }

  /** The value itself when it is in the closed set, {@code other} otherwise, {@code ""} when there is none. */
  String admit(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    return known.test(value) ? value : OTHER;
  }
}
