package dev.claudebedrock.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of requests, {@code concurrency} of them in flight at a time: the unit a profile divides its CPU
 * time and allocated bytes by. Latency counts from each actual send.
 */
public final class FixedCount {
  private static final long DRAIN_SECONDS = 120;

  private final LoadClient client;
  private final Target target;
  private final Recording recording;
  private final AtomicInteger left;
  private final CountDownLatch done;

  private FixedCount(LoadClient client, Target target, Recording recording, int requests) {
    this.client = client;
    this.target = target;
    this.recording = recording;
    this.left = new AtomicInteger(requests);
    this.done = new CountDownLatch(requests);
  }

  /** Sends exactly {@code requests} requests, {@code concurrency} at a time, and returns what they observed. */
  public static LoadResult run(LoadClient client, Target target, Recording recording, int requests, int concurrency)
      throws InterruptedException {
    if (requests < 1 || concurrency < 1) {
      throw new IllegalArgumentException("requests " + requests + ", concurrency " + concurrency
          + ": expected 1 or more of each");
    }
    FixedCount run = new FixedCount(client, target, recording, requests);
    long start = System.nanoTime();
    for (int i = 0; i < Math.min(requests, concurrency); i++) {
      run.next();
    }
    run.done.await(DRAIN_SECONDS, TimeUnit.SECONDS);
    return recording.result(start, recording.inFlight());
  }

  private void next() {
    if (left.getAndDecrement() <= 0) {
      return;
    }
    long now = System.nanoTime();
    client.send(target, recording.workload(), now, recording).onComplete(finished -> {
      done.countDown();
      next();
    });
  }
}
