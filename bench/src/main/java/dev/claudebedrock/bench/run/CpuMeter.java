package dev.claudebedrock.bench.run;

import java.util.function.DoubleSupplier;

/** CPU used between construction and {@link #percent()} by a process, a process tree or the whole machine. */
public final class CpuMeter {
  private final DoubleSupplier cpuSeconds;
  private final double startCpu;
  private final long startNanos;

  private CpuMeter(DoubleSupplier cpuSeconds) {
    this.cpuSeconds = cpuSeconds;
    this.startCpu = cpuSeconds.getAsDouble();
    this.startNanos = System.nanoTime();
  }

  /** The process alone (not the processes it started). */
  public static CpuMeter process(long pid) {
    return new CpuMeter(() -> ProcFs.cpuSeconds(pid));
  }

  /** The process and its descendants (nginx: the master and its workers). */
  public static CpuMeter processTree(long pid) {
    return new CpuMeter(() -> ProcFs.treeCpuSeconds(pid));
  }

  /** Every process on the machine, this run's and any other. */
  public static CpuMeter machine() {
    return new CpuMeter(ProcFs::machineBusySeconds);
  }

  /** CPU time spent since construction, in seconds. */
  public double seconds() {
    return cpuSeconds.getAsDouble() - startCpu;
  }

  /** Mean CPU since construction, in percent of one core (a two-core machine tops out at 200). */
  public double percent() {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    return wall > 0 ? 100 * (cpuSeconds.getAsDouble() - startCpu) / wall : 0;
  }
}
