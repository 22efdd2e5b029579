package dev.claudebedrock.bench.run;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Every process a run started, stopped in reverse order when the group closes, and also when the JVM exits some
 * other way (Ctrl-C, an uncaught failure), so no simulator or gateway outlives the bench.
 */
public final class ProcessGroup implements AutoCloseable {
  private final Deque<ManagedProcess> processes = new ArrayDeque<>();
  private final Thread hook = new Thread(this::stopAll, "stop-bench-processes");

  public ProcessGroup() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized ManagedProcess add(ManagedProcess process) {
    processes.push(process);
    return process;
  }

  /** Stops one process now and forgets it. */
  public synchronized void stop(ManagedProcess process) {
    process.close();
    processes.remove(process);
  }

  private synchronized void stopAll() {
    while (!processes.isEmpty()) {
      processes.pop().close();
    }
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it finds nothing left to stop.
    }
  }
}
