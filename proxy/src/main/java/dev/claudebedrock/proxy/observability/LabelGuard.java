package dev.claudebedrock.proxy.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the values a metric label can take. Model ids come from clients; without a bound a client
 * could create a time series per request and exhaust the gateway's and Prometheus' memory.
 */
final class LabelGuard {
  static final String OTHER = "other";

  private final int max;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  LabelGuard(int max) {
    this.max = max;
  }

  /** The value itself while fewer than {@code max} distinct values were seen, {@code other} afterwards. */
  String admit(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    if (seen.contains(value)) {
      return value;
    }
    if (seen.size() >= max) {
      return OTHER;
    }
    seen.add(value);
    return value;
  }
}
