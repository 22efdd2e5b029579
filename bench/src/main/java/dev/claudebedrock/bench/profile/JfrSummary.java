package dev.claudebedrock.bench.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording of the gateway says: the bytes its threads allocated (the difference of each thread's
 * {@code jdk.ThreadAllocationStatistics} between the first and last event; a thread first seen later started at 0),
 * garbage collections, and where CPU samples and allocation samples
 * ({@code jdk.ObjectAllocationSample}, weighted by the bytes each stands for) fell: by leaf frame, by the project's
 * own methods on the stack (inclusive), and as folded stacks for a flame graph.
 *
 * @param allocatedBytes bytes allocated by the gateway's threads, less the recorder's own and the attach thread's
 * @param allocatedByThread the same by thread name with digits folded ({@code vert.x-eventloop-thread-#})
 * @param gcCount garbage collections in the recording
 * @param gcPauseMillis their summed pauses
 * @param gcLongestPauseMillis the longest of them
 * @param heapAfterGcMaxBytes the most heap in use right after a collection: what survived, which grows with the
 *     requests the gateway holds while it falls behind
 * @param cpuSource the event the CPU samples are ({@code jdk.CPUTimeSample} on JDK 25, else
 *     {@code jdk.ExecutionSample})
 * @param cpuSamples CPU samples in the recording
 * @param cpuByLeaf samples by the method running (self time)
 * @param cpuByProjectMethod samples by each project method on the stack (inclusive time)
 * @param cpuByNearestProjectMethod samples by the project method nearest the running one (what of ours asked)
 * @param allocByLeafSite sampled bytes by the first frame outside the JDK (where the allocation was asked for)
 * @param allocByClass sampled bytes by the class allocated
 * @param allocByProjectMethod sampled bytes by each project method on the stack (inclusive)
 * @param compilations JIT compilations by method, with the level compiled at ({@code method @4})
 * @param compileMillis their summed durations
 * @param deoptimizations deoptimizations by method and reason
 * @param cpuFolded folded stacks of CPU samples (root first, {@code ;}-separated) and their counts
 * @param allocFolded folded stacks of allocation samples and their bytes
 */
public record JfrSummary(long allocatedBytes, Map<String, Long> allocatedByThread, long gcCount, double gcPauseMillis,
    double gcLongestPauseMillis, long heapAfterGcMaxBytes, String cpuSource, long cpuSamples,
    Map<String, Long> cpuByLeaf, Map<String, Long> cpuByProjectMethod,
    Map<String, Long> cpuByNearestProjectMethod,
    Map<String, Long> allocByLeafSite, Map<String, Long> allocByClass, Map<String, Long> allocByProjectMethod,
    Map<String, Long> compilations, double compileMillis, Map<String, Long> deoptimizations,
    Map<String, Long> cpuFolded, Map<String, Long> allocFolded) {

  /** Package prefix of the project's own code. */
  static final String PROJECT = "dev.claudebedrock.";

  /** Reads a recording file. */
  public static JfrSummary read(Path recording) {
    Map<Long, long[]> allocation = new HashMap<>();
    Map<Long, String> threadNames = new HashMap<>();
    Accumulator acc = new Accumulator();
    Accumulator cpuTime = new Accumulator();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        switch (event.getEventType().getName()) {
          case "jdk.ThreadAllocationStatistics" -> {
            RecordedThread thread = event.getThread("thread");
            if (thread == null) {
              continue;
            }
            long id = thread.getJavaThreadId();
            threadNames.putIfAbsent(id, String.valueOf(thread.getJavaName()));
            long allocated = event.getLong("allocated");
            // [first, last, events]
            long[] seen = allocation.computeIfAbsent(id, k -> new long[] {allocated, allocated, 0});
            seen[0] = Math.min(seen[0], allocated);
            seen[1] = Math.max(seen[1], allocated);
            seen[2]++;
          }
          case "jdk.Compilation" -> {
            acc.compilations.merge(
                method((RecordedMethod) event.getValue("method")) + " @" + event.getValue("compileLevel"), 1L,
                Long::sum);
            acc.compileNanos += event.getDuration().toNanos();
          }
          case "jdk.Deoptimization" ->
            acc.deoptimizations.merge(method((RecordedMethod) event.getValue("method")) + " ("
                + event.getValue("reason") + ", " + event.getValue("action") + ")", 1L, Long::sum);
          case "jdk.GarbageCollection" -> {
            acc.gcCount++;
            acc.gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
            acc.gcLongestPauseNanos = Math.max(acc.gcLongestPauseNanos,
                event.getDuration("longestPause").toNanos());
          }
          case "jdk.GCHeapSummary" -> {
            if ("After GC".equals(event.getString("when"))) {
              acc.heapAfterGcMax = Math.max(acc.heapAfterGcMax, event.getLong("heapUsed"));
            }
          }
          case "jdk.ExecutionSample" -> acc.cpu(event.getStackTrace());
          case "jdk.CPUTimeSample" -> cpuTime.cpu(event.getStackTrace());
          case "jdk.ObjectAllocationSample" -> acc.alloc(event.getStackTrace(),
              event.getClass("objectClass").getName(), event.getLong("weight"));
          default -> {}
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recording " + recording, e);
    }
    long total = 0;
    Map<String, Long> byThread = new HashMap<>();
    for (var entry : allocation.entrySet()) {
      String name = threadNames.get(entry.getKey());
      if (name.startsWith("JFR ") || name.equals("Attach Listener")) {
        continue;  // the recorder and jcmd's thread, not the gateway's work
      }
      long[] seen = entry.getValue();
      long bytes = seen[2] > 1 ? seen[1] - seen[0] : seen[1];  // seen once: born during the recording
      total += bytes;
      byThread.merge(name.replaceAll("[0-9]+", "#"), bytes, Long::sum);
    }
    // JDK 25's CPU-time sampler sees every thread on a CPU at a fixed rate of CPU time; the execution sampler,
    // where that is missing, a few threads in Java code per period.
    Accumulator cpu = cpuTime.cpuSamples > 0 ? cpuTime : acc;
    String source = cpuTime.cpuSamples > 0 ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
    return new JfrSummary(total, sorted(byThread), acc.gcCount, acc.gcPauseNanos / 1e6,
        acc.gcLongestPauseNanos / 1e6, acc.heapAfterGcMax, source, cpu.cpuSamples,
        sorted(cpu.cpuByLeaf), sorted(cpu.cpuByProject), sorted(cpu.cpuByNearest), sorted(acc.allocBySite),
        sorted(acc.allocByClass), sorted(acc.allocByProject), sorted(acc.compilations), acc.compileNanos / 1e6,
        sorted(acc.deoptimizations), cpu.cpuFolded, acc.allocFolded);
  }

  /** The first {@code n} entries of a map sorted by value, largest first. */
  public static List<Map.Entry<String, Long>> top(Map<String, Long> values, int n) {
    return values.entrySet().stream().limit(n).toList();
  }

  private static Map<String, Long> sorted(Map<String, Long> values) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    values.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static String method(RecordedFrame frame) {
    return method(frame.getMethod());
  }

  private static String method(RecordedMethod method) {
    return method == null ? "(unknown)" : method.getType().getName() + "." + method.getName();
  }

  private static boolean isJdk(String method) {
    return method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.");
  }

  /** The sums while the events are read. */
  private static final class Accumulator {
    long gcCount;
    long gcPauseNanos;
    long gcLongestPauseNanos;
    long heapAfterGcMax;
    long compileNanos;
    final Map<String, Long> compilations = new HashMap<>();
    final Map<String, Long> deoptimizations = new HashMap<>();
    long cpuSamples;
    final Map<String, Long> cpuByLeaf = new HashMap<>();
    final Map<String, Long> cpuByProject = new HashMap<>();
    final Map<String, Long> cpuByNearest = new HashMap<>();
    final Map<String, Long> allocBySite = new HashMap<>();
    final Map<String, Long> allocByClass = new HashMap<>();
    final Map<String, Long> allocByProject = new HashMap<>();
    final Map<String, Long> cpuFolded = new HashMap<>();
    final Map<String, Long> allocFolded = new HashMap<>();

    void cpu(RecordedStackTrace stack) {
      if (stack == null || stack.getFrames().isEmpty()) {
        return;
      }
      cpuSamples++;
      List<String> methods = methods(stack);
      cpuByLeaf.merge(methods.getFirst(), 1L, Long::sum);
      project(methods).forEach(m -> cpuByProject.merge(m, 1L, Long::sum));
      cpuByNearest.merge(methods.stream().filter(m -> m.startsWith(PROJECT)).findFirst().orElse("(none of ours)"), 1L,
          Long::sum);
      cpuFolded.merge(folded(methods), 1L, Long::sum);
    }

    void alloc(RecordedStackTrace stack, String objectClass, long weight) {
      allocByClass.merge(objectClass, weight, Long::sum);
      if (stack == null || stack.getFrames().isEmpty()) {
        return;
      }
      List<String> methods = methods(stack);
      String site = methods.stream().filter(m -> !isJdk(m)).findFirst().orElse(methods.getFirst());
      allocBySite.merge(site, weight, Long::sum);
      project(methods).forEach(m -> allocByProject.merge(m, weight, Long::sum));
      allocFolded.merge(folded(methods) + ";" + objectClass, weight, Long::sum);
    }

    private static List<String> methods(RecordedStackTrace stack) {
      List<String> methods = new ArrayList<>(stack.getFrames().size());
      for (RecordedFrame frame : stack.getFrames()) {
        String method = method(frame);
        if (!method.contains("$$Lambda")) {  // a lambda's generated class: its body is the next frame
          methods.add(method);
        }
      }
      if (methods.isEmpty()) {
        methods.add(method(stack.getFrames().getFirst()));
      }
      return methods;
    }

    private static Set<String> project(List<String> methods) {
      Set<String> own = new HashSet<>();
      for (String m : methods) {
        if (m.startsWith(PROJECT)) {
          own.add(m);
        }
      }
      return own;
    }

    private static String folded(List<String> leafFirst) {
      StringBuilder out = new StringBuilder();
      for (int i = leafFirst.size() - 1; i >= 0; i--) {
        out.append(leafFirst.get(i).replace(';', ':').replace(' ', '_'));
        if (i > 0) {
          out.append(';');
        }
      }
      return out.toString();
    }
  }
}
