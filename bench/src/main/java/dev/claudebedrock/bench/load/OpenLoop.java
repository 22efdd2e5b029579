package dev.claudebedrock.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * Constant-rate load, independent of the answers (open loop): request {@code i} is due at
 * {@code start + i / rate} and its latency counts from then, not from when it was actually sent, so a stall of the
 * system under test (or of the sender) shows as the latency every waiting request saw: coordinated omission
 * corrected. The calling thread paces the requests.
 */
public final class OpenLoop {
  private static final long LEAD_NANOS = 5_000_000;
  private static final long POLL_NANOS = 1_000_000;

  private OpenLoop() {}

  /** Runs the plan against the target and returns what its measured part observed. */
  public static LoadResult run(LoadClient client, Target target, Recording measured, OpenLoopPlan plan) {
    Recording warmup = measured.sibling();
    double periodNanos = 1e9 / plan.ratePerSecond();
    long start = System.nanoTime() + LEAD_NANOS;
    long measureStart = start + plan.warmup().toNanos();
    long end = measureStart + plan.measure().toNanos();
    for (long i = 0;; i++) {
      long due = start + Math.round(i * periodNanos);
      if (due >= end) {
        break;
      }
      sleepUntil(due);
      client.send(target, measured.workload(), due, due >= measureStart ? measured : warmup);
    }
    long drainDeadline = System.nanoTime() + plan.drain().toNanos();
    while ((measured.inFlight() > 0 || warmup.inFlight() > 0) && System.nanoTime() < drainDeadline) {
      LockSupport.parkNanos(POLL_NANOS);
    }
    return measured.result(measureStart, measured.inFlight());
  }

  private static void sleepUntil(long due) {
    for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
