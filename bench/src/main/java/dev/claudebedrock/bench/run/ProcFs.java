package dev.claudebedrock.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says of a process, alone or with its descendants (nginx's workers): resident memory
 * ({@code VmRSS} of {@code status}) and CPU time ({@code utime + stime} of {@code stat}); and of the whole machine
 * ({@code /proc/stat}). A process that has just exited counts as zero.
 */
public final class ProcFs {
  private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

  private ProcFs() {}

  /** Resident set size of the process and its descendants, in bytes. */
  public static long rssBytes(long pid) {
    return withDescendants(pid).mapToLong(ProcFs::ownRssBytes).sum();
  }

  /** CPU time (user and system) spent so far by the process alone, in seconds. */
  public static double cpuSeconds(long pid) {
    return ownCpuTicks(pid) / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** CPU time spent so far by the process and its live descendants, in seconds. */
  public static double treeCpuSeconds(long pid) {
    return withDescendants(pid).mapToLong(ProcFs::ownCpuTicks).sum() / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** CPU time all processors have spent busy (anything but idle and waiting for I/O) since boot, in seconds. */
  public static double machineBusySeconds() {
    try (var lines = Files.lines(Path.of("/proc/stat"))) {
      String[] fields = lines.findFirst().orElse("cpu").trim().split("\\s+");
      long busy = 0;
      // cpu user nice system idle iowait irq softirq steal ...: all but idle (4) and iowait (5).
      for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
        busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
      }
      return busy / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * CPU time spent so far by each live thread of the process, in seconds, summed by thread name with digits folded
   * ({@code C2 CompilerThread#}, {@code vert.x-eventloop-thread-#}): what of a process's CPU was its own work, what
   * the JIT compiler's or the garbage collector's.
   */
  public static Map<String, Double> threadCpuSeconds(long pid) {
    Map<String, Double> byName = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
          byName.merge(name, seconds, Double::sum);
        } catch (IOException threadEnded) {
          // it ended between the listing and the read: its time is gone with it
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return byName;
  }

  private static Stream<Long> withDescendants(long pid) {
    return Stream.concat(Stream.of(pid),
        ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid));
  }

  private static long ownRssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static long ownCpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      return 0;
    }
  }

  /** {@code getconf CLK_TCK}: the unit of {@code /proc/<pid>/stat} times (100 on Linux unless built otherwise). */
  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      List<String> out = new String(getconf.getInputStream().readAllBytes()).lines().toList();
      return getconf.waitFor() == 0 && !out.isEmpty() ? Long.parseLong(out.getFirst().trim()) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
