package dev.claudebedrock.proxy.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters (or tables of them) by one label value, each created once on its value's first use and then found without
 * allocating: a request's metrics are a few hash look-ups of strings whose hashes are cached, with no key object,
 * capturing lambda or label string built per request. Label values come from closed sets (routes, targets, models
 * admitted by {@link LabelGuard}), so the map stays small.
 */
final class MeterMap<M> {
  private final Map<String, M> meters = new ConcurrentHashMap<>();
  private final Function<String, M> create;

  MeterMap(Function<String, M> create) {
    this.create = create;
  }

  /** The meter of this label value, created on first use. */
  M get(String label) {
    M meter = meters.get(label);
    return meter != null ? meter : meters.computeIfAbsent(label, create);
  }
}
