package dev.claudebedrock.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The gateway's allocation counter as its Prometheus text shows it. */
class AllocationCounterTest {
  @Test
  void readsTheCounterOutOfAnExposition() {
    String exposition = """
        # HELP jvm_allocated_bytes_total Heap bytes allocated by every thread since the JVM started
        # TYPE jvm_allocated_bytes_total counter
        jvm_allocated_bytes_total 1.23456789E8
        jvm_buffer_count_buffers{id="direct"} 12.0
        """;

    assertThat(AllocationCounter.parse(exposition)).isEqualTo(OptionalLong.of(123_456_789));
  }

  @Test
  void findsNothingWhereThereIsNoCounter() {
    assertThat(AllocationCounter.parse("jvm_gc_memory_allocated_bytes_total 5.0E7\n")).isEmpty();
    assertThat(AllocationCounter.parse("<html>404</html>")).isEmpty();
  }
}
