package dev.claudebedrock.bench.load;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What one leg of load observed, collected from the event loops: latencies in microseconds (three significant
 * digits) and counts. A streamed event's delay is its arrival after the request's intended start, less the time the
 * upstream's pacing held it back ({@code tokens so far / tokens per second}), so every event of every stream is
 * comparable and the histogram keeps microsecond resolution.
 */
public final class Recording {
  private static final int SIGNIFICANT_DIGITS = 3;
  private static final int ERROR_SAMPLES = 5;

  private final Workload workload;
  private final double pacedTokensPerSecond;
  private final long nanosPerToken;
  private final Recorder latency = new Recorder(SIGNIFICANT_DIGITS);
  private final Recorder firstEvent = new Recorder(SIGNIFICANT_DIGITS);
  private final Recorder eventDelay = new Recorder(SIGNIFICANT_DIGITS);
  private final Recorder refusal = new Recorder(SIGNIFICANT_DIGITS);
  private final LongAdder refused = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peakOpen = new AtomicInteger();
  private final AtomicLong lastCompletionNanos = new AtomicLong();
  private final Queue<String> errorSamples = new ConcurrentLinkedQueue<>();

  /** A recording for a workload whose streams the upstream paces at {@code pacedTokensPerSecond} (0: unpaced). */
  public Recording(Workload workload, double pacedTokensPerSecond) {
    if (pacedTokensPerSecond < 0) {
      throw new IllegalArgumentException("paced tokens per second " + pacedTokensPerSecond + ": expected 0 or more");
    }
    this.workload = workload;
    this.pacedTokensPerSecond = pacedTokensPerSecond;
    this.nanosPerToken = pacedTokensPerSecond == 0 ? 0 : Math.round(TimeUnit.SECONDS.toNanos(1) / pacedTokensPerSecond);
  }

  /** An empty recording with the same settings (for a warm-up whose figures are thrown away). */
  public Recording sibling() {
    return new Recording(workload, pacedTokensPerSecond);
  }

  public Workload workload() {
    return workload;
  }

  void sent() {
    sent.increment();
  }

  void completed(long intendedNanos, long nowNanos) {
    latency.recordValue(micros(nowNanos - intendedNanos));
    completed.increment();
    lastCompletionNanos.accumulateAndGet(nowNanos, Math::max);
  }

  void failed(String reason) {
    errors.increment();
    if (errorSamples.size() < ERROR_SAMPLES) {
      errorSamples.add(reason);
    }
  }

  /** A 529 answer (the gateway shedding load): still a failure, also counted and timed on its own. */
  void refused(long intendedNanos, long nowNanos) {
    refusal.recordValue(micros(nowNanos - intendedNanos));
    refused.increment();
  }

  /**
   * The requests answered 529 and how long those answers took, in microseconds.
   *
   * @param latency time from when each was due to its refusal
   */
  public record Refusals(long count, org.HdrHistogram.Histogram latency) {
    /** The refusals' latency at the 99th percentile, ms. */
    public double p99() {
      return latency.getValueAtPercentile(99) / 1000.0;
    }
  }

  /** The 529 answers so far. */
  public Refusals refusals() {
    return new Refusals(refused.sum(), refusal.getIntervalHistogram());
  }

  void streamOpened() {
    peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
  }

  void streamClosed() {
    open.decrementAndGet();
  }

  void event(Api api, long intendedNanos, int index, long nowNanos) {
    long sinceStart = nowNanos - intendedNanos;
    if (index == 0) {
      firstEvent.recordValue(micros(sinceStart));
    }
    eventDelay.recordValue(micros(sinceStart - workload.tokensThrough(api, index) * nanosPerToken));
  }

  /** Requests sent that have neither completed nor failed. */
  long inFlight() {
    return sent.sum() - completed.sum() - errors.sum();
  }

  /** The figures so far; {@code unfinished} requests still in flight are counted as errors. */
  LoadResult result(long measureStartNanos, long unfinished) {
    long end = Math.max(lastCompletionNanos.get(), measureStartNanos + 1);
    List<String> samples = new java.util.ArrayList<>(errorSamples);
    if (unfinished > 0) {
      samples.add(unfinished + " requests had not finished when the leg ended");
    }
    return new LoadResult(latency.getIntervalHistogram(), firstEvent.getIntervalHistogram(),
        eventDelay.getIntervalHistogram(), sent.sum(), completed.sum(), errors.sum() + unfinished,
        (end - measureStartNanos) / 1e9, peakOpen.get(), List.copyOf(samples));
  }

  private static long micros(long nanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
  }
}
