package dev.claudebedrock.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Saturation (closed loop): each of {@code concurrency} workers sends its next request as soon as the previous one
 * has ended, so the rate is whatever the system sustains. Latency counts from each actual send.
 */
public final class ClosedLoop {
  private static final long DRAIN_SECONDS = 30;

  private final LoadClient client;
  private final Target target;
  private final Recording measured;
  private final Recording warmup;
  private final long measureStart;
  private final long end;
  private final CountDownLatch workersDone;

  private ClosedLoop(LoadClient client, Target target, Recording measured, ClosedLoopPlan plan) {
    this.client = client;
    this.target = target;
    this.measured = measured;
    this.warmup = measured.sibling();
    this.measureStart = System.nanoTime() + plan.warmup().toNanos();
    this.end = measureStart + plan.measure().toNanos();
    this.workersDone = new CountDownLatch(plan.concurrency());
  }

  /** Runs the plan against the target and returns what its measured part observed. */
  public static LoadResult run(LoadClient client, Target target, Recording measured, ClosedLoopPlan plan)
      throws InterruptedException {
    ClosedLoop loop = new ClosedLoop(client, target, measured, plan);
    for (int i = 0; i < plan.concurrency(); i++) {
      loop.next();
    }
    long waitNanos = loop.end - System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
    loop.workersDone.await(waitNanos, TimeUnit.NANOSECONDS);
    return measured.result(loop.measureStart, measured.inFlight());
  }

  private void next() {
    long now = System.nanoTime();
    if (now >= end) {
      workersDone.countDown();
      return;
    }
    client.send(target, measured.workload(), now, now >= measureStart ? measured : warmup).onComplete(done -> next());
  }
}
