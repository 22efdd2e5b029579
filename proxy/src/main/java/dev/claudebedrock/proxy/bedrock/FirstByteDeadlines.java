package dev.claudebedrock.proxy.bedrock;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-byte deadlines of the requests one event loop sends, without a Vert.x timer per request. The deadlines of
 * one timeout length are kept in a list in the order they were set, which is the order they fall due, so setting one
 * is an append and taking one off (the answer came) an unlink; each list has one timer, set for its oldest deadline,
 * which expires what is due when it fires and sets itself again for the oldest left. On a busy loop that timer fires
 * about once per timeout length, whatever the rate of requests; on an idle loop there is none.
 *
 * <p>A deadline expires on the context it was set on ({@link Deadline#expired()} runs there), no earlier than the
 * timeout after it was set, as soon after as the loop comes to its scheduled tasks (as a Vert.x timer would). Off
 * an event loop (a worker context) a deadline falls back to a Vert.x timer of its own. The lists' timers are the event
 * loop's own scheduled tasks, not Vert.x timers, so that undeploying a verticle does not cancel them under the lists.
 */
final class FirstByteDeadlines {
  private static final Logger log = LoggerFactory.getLogger(FirstByteDeadlines.class);
  private static final FastThreadLocal<FirstByteDeadlines> LOOP = new FastThreadLocal<>();

  private final EventLoop eventLoop;
  private Line[] lines = new Line[0];

  private FirstByteDeadlines(EventLoop eventLoop) {
    this.eventLoop = eventLoop;
  }

  /** Sets {@code deadline} to expire {@code timeoutMs} from now, on the current context. */
  static void arm(Vertx vertx, Deadline deadline, long timeoutMs) {
    Context context = vertx.getOrCreateContext();
    deadline.context = context;
    if (!Context.isOnEventLoopThread() || !context.isEventLoopContext()) {
      deadline.timerId = vertx.setTimer(timeoutMs, id -> deadline.expire());
      return;
    }
    FirstByteDeadlines loop = LOOP.get();
    if (loop == null) {
      loop = new FirstByteDeadlines(((ContextInternal) context).nettyEventLoop());
      LOOP.set(loop);
    }
    loop.line(timeoutMs).append(deadline);
  }

  /** Requests waiting in this loop's lists, for tests. */
  static int waitingOnThisLoop() {
    FirstByteDeadlines loop = LOOP.getIfExists();
    if (loop == null) {
      return 0;
    }
    int waiting = 0;
    for (Line line : loop.lines) {
      for (Deadline d = line.head; d != null; d = d.next) {
        waiting++;
      }
    }
    return waiting;
  }

  private Line line(long timeoutMs) {
    for (Line line : lines) {
      if (line.timeoutMs == timeoutMs) {
        return line;
      }
    }
    Line line = new Line(timeoutMs);
    lines = Arrays.copyOf(lines, lines.length + 1);
    lines[lines.length - 1] = line;
    return line;
  }

  /** One request's first-byte deadline: extended by whoever waits for the answer. */
  abstract static class Deadline {
    private Context context;
    private long timerId = -1;
    private Line line;
    private Deadline previous;
    private Deadline next;
    private long dueNanos;

    /** The deadline passed before {@link #disarm()}: on the context it was set on. */
    protected abstract void expired();

    /**
     * Takes the deadline off its loop's list (or cancels its timer). Called elsewhere than on its loop, it leaves the
     * deadline where it is: it then expires in its time, which the caller makes harmless.
     */
    final void disarm() {
      if (timerId >= 0) {
        context.owner().cancelTimer(timerId);
        timerId = -1;
      } else if (line != null && line.loop().eventLoop.inEventLoop()) {
        line.unlink(this);
      }
    }

    private void expire() {
      timerId = -1;
      try {
        expired();
      } catch (RuntimeException e) {
        log.warn("A first-byte deadline failed to expire cleanly", e);
      }
    }
  }

  /** The deadlines of one timeout length, oldest first, and the one timer that serves them. */
  private final class Line implements Runnable {
    private final long timeoutMs;
    private final long timeoutNanos;
    private Deadline head;
    private Deadline tail;
    private boolean timerSet;

    Line(long timeoutMs) {
      this.timeoutMs = timeoutMs;
      this.timeoutNanos = timeoutMs * 1_000_000L;
    }

    FirstByteDeadlines loop() {
      return FirstByteDeadlines.this;
    }

    void append(Deadline deadline) {
      deadline.line = this;
      deadline.dueNanos = System.nanoTime() + timeoutNanos;
      deadline.previous = tail;
      deadline.next = null;
      if (tail == null) {
        head = deadline;
      } else {
        tail.next = deadline;
      }
      tail = deadline;
      if (!timerSet) {
        timerSet = true;
        eventLoop.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
      }
    }

    void unlink(Deadline deadline) {
      if (deadline.previous == null) {
        head = deadline.next;
      } else {
        deadline.previous.next = deadline.next;
      }
      if (deadline.next == null) {
        tail = deadline.previous;
      } else {
        deadline.next.previous = deadline.previous;
      }
      deadline.line = null;
      deadline.previous = null;
      deadline.next = null;
    }

    /** The timer fired: expires what is due, each on its own context, and sets the timer for the oldest left. */
    @Override
    public void run() {
      long now = System.nanoTime();
      while (head != null && head.dueNanos - now <= 0) {
        Deadline due = head;
        unlink(due);
        due.context.runOnContext(v -> due.expire());
      }
      if (head == null) {
        timerSet = false;
      } else {
        eventLoop.schedule(this, head.dueNanos - now, TimeUnit.NANOSECONDS);
      }
    }
  }
}
