package dev.claudebedrock.proxy.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines to stdout from one writer thread, in batches: a thread logging (an event loop
 * writing the access log) only enqueues, and the writer wakes on its own every few milliseconds.
 *
 * <p>Logback's {@code AsyncAppender} signals its worker on every event: under load that is a futex
 * wake, a context switch and a {@code write} per request. Here it is one {@code write} per batch and
 * no cross-thread signal. Lines reach stdout at most one interval late; a full queue makes the
 * logging thread wait rather than lose lines; {@link #stop()} has the writer write what is left.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private Encoder<ILoggingEvent> encoder;
  private int queueSize = 16_384;
  private long intervalNanos = TimeUnit.MILLISECONDS.toNanos(5);
  /** Null means {@code System.out} as it is at the time of the write (tests may replace it). */
  private OutputStream out;
  private volatile boolean running;
  private Thread writer;

  /** The encoder that turns an event into the bytes of one line. */
  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  /** Events held before a logging thread has to wait for the writer. */
  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  /** How long the writer sleeps when it finds nothing to write. */
  public void setIntervalMillis(int intervalMillis) {
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
  }

  /** Where lines go instead of stdout (tests). */
  void setOutputStream(OutputStream out) { this.out = out; }

  @Override
  public void start() {
    if (encoder == null) {
      addError("BatchingConsoleAppender \"" + getName() + "\" has no encoder");
      return;
    }
    if (queueSize < 1 || intervalNanos < 1) {
      addError("BatchingConsoleAppender \"" + getName() + "\" needs queueSize >= 1 and intervalMillis >= 1, got "
          + queueSize + " and " + TimeUnit.NANOSECONDS.toMillis(intervalNanos));
      return;
    }
    running = true;
    writer = Thread.ofPlatform().name("log-writer").daemon().start(this::writeUntilStopped);
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    while (queued.get() >= queueSize && running) {
      LockSupport.parkNanos(intervalNanos / 4);
    }
    queue.add(event);
    queued.incrementAndGet();
  }

  private void writeUntilStopped() {
    ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
    while (running) {
      if (!drainInto(batch)) {
        LockSupport.parkNanos(intervalNanos);
      }
    }
    drainInto(batch);
  }

  /** Encodes and writes everything queued; returns whether there was anything. */
  private boolean drainInto(ByteArrayOutputStream batch) {
    ILoggingEvent event;
    boolean any = false;
    while ((event = queue.poll()) != null) {
      queued.decrementAndGet();
      batch.writeBytes(encoder.encode(event));
      any = true;
      if (batch.size() >= 256 * 1024) {
        flush(batch);
      }
    }
    flush(batch);
    return any;
  }

  private void flush(ByteArrayOutputStream batch) {
    if (batch.size() == 0) {
      return;
    }
    OutputStream target = out == null ? System.out : out;
    try {
      batch.writeTo(target);
      target.flush();
    } catch (IOException e) {
      // stdout is gone (closed pipe); nothing to report it to.
    }
    batch.reset();
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.stop();
  }
}
