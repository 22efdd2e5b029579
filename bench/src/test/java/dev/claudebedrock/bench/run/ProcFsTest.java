package dev.claudebedrock.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFsTest {
  @Test
  void readsThisJvmsMemoryAndCpu() {
    long self = ProcessHandle.current().pid();
    assertThat(ProcFs.rssBytes(self)).isGreaterThan(1 << 20);
    assertThat(ProcFs.cpuSeconds(self)).isPositive();
    assertThat(ProcFs.treeCpuSeconds(self)).isGreaterThanOrEqualTo(ProcFs.cpuSeconds(self));
    assertThat(ProcFs.machineBusySeconds()).isGreaterThanOrEqualTo(ProcFs.cpuSeconds(self));
  }

  @Test
  void countsAProcessThatIsGoneAsZero() {
    assertThat(ProcFs.rssBytes(Long.MAX_VALUE)).isZero();
    assertThat(ProcFs.cpuSeconds(Long.MAX_VALUE)).isZero();
  }
}
