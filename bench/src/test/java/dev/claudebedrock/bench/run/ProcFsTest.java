package dev.claudebedrock.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFsTest {
  @Test
  void readsThisJvmsMemoryAndCpu() {
    long self = ProcessHandle.current().pid();
    assertThat(ProcFs.rssBytes(self)).isGreaterThan(1 << 20);
    // Read this process first: CPU time only grows, so what is read after it can only be larger.
    double own = ProcFs.cpuSeconds(self);
    assertThat(own).isPositive();
    assertThat(ProcFs.treeCpuSeconds(self)).isGreaterThanOrEqualTo(own);
    assertThat(ProcFs.machineBusySeconds()).isGreaterThanOrEqualTo(own);
  }

  @Test
  void countsAProcessThatIsGoneAsZero() {
    assertThat(ProcFs.rssBytes(Long.MAX_VALUE)).isZero();
    assertThat(ProcFs.cpuSeconds(Long.MAX_VALUE)).isZero();
  }
}
