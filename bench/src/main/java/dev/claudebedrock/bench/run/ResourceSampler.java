package dev.claudebedrock.bench.run;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples a process's resident memory every second while open: the peak, and the mean CPU over the whole span. */
public final class ResourceSampler implements AutoCloseable {
  private static final Duration PERIOD = Duration.ofSeconds(1);

  /** What the sampler saw. */
  public record Usage(long peakRssBytes, double meanCpuPercent, int samples) {}

  private final long pid;
  private final CpuMeter cpu;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      runnable -> Thread.ofPlatform().daemon().name("resource-sampler").unstarted(runnable));
  private long peakRssBytes;
  private int samples;

  public ResourceSampler(long pid) {
    this.pid = pid;
    this.cpu = CpuMeter.process(pid);
    timer.scheduleAtFixedRate(this::sample, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    peakRssBytes = Math.max(peakRssBytes, ProcFs.rssBytes(pid));
    samples++;
  }

  /** Stops sampling (with a last sample) and returns the figures. */
  public Usage finish() {
    timer.shutdownNow();
    sample();
    synchronized (this) {
      return new Usage(peakRssBytes, cpu.percent(), samples);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
