package dev.claudebedrock.proxy.observability;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Counters by a small integer (an HTTP status, a token kind), each created on first use and then read from an
 * array: no label string is formatted per request. Two threads creating the same counter at once get the same one
 * (the registry returns the meter it has).
 */
final class IndexedCounters {
  /** Room for every HTTP status (100 to 599). */
  static final int STATUSES = 600;

  private final AtomicReferenceArray<Counter> counters;
  private final IntFunction<Counter> create;

  IndexedCounters(int size, IntFunction<Counter> create) {
    this.counters = new AtomicReferenceArray<>(size);
    this.create = create;
  }

  /** The counter of {@code index}; an index outside the table gets its counter from the registry each time. */
  Counter get(int index) {
    if (index < 0 || index >= counters.length()) {
      return create.apply(index);
    }
    Counter counter = counters.get(index);
    if (counter == null) {
      counter = create.apply(index);
      counters.set(index, counter);
    }
    return counter;
  }
}
