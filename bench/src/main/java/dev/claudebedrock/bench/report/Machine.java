package dev.claudebedrock.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The machine and software a run measured on, as the report states them.
 *
 * @param cpu the CPU model ({@code /proc/cpuinfo})
 * @param cores processors available to the JVM
 * @param memoryBytes total memory ({@code /proc/meminfo})
 * @param os the distribution and kernel
 * @param jdk the JDK that ran the bench and the processes it started
 * @param nginx nginx's version, or empty when it is not installed
 * @param commit the git commit measured, marked when the work tree had changes
 * @param date when the run started (UTC)
 * @param loadBefore load averages (1, 5, 15 min) when the run started
 * @param benchJvmFlags the load generator's JVM flags
 */
public record Machine(String cpu, int cores, long memoryBytes, String os, String jdk, String nginx, String commit,
    Instant date, String loadBefore, List<String> benchJvmFlags) {

  public Machine {
    benchJvmFlags = List.copyOf(benchJvmFlags);
  }

  /** Reads it all from this machine; {@code repository} is where git is asked for the commit. */
  public static Machine describe(Path repository, Optional<Path> nginx) {
    return new Machine(
        firstField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        firstField("/proc/meminfo", "MemTotal").map(kb -> Long.parseLong(kb.replaceAll("[^0-9]", "")) * 1024)
            .orElse(0L),
        firstField("/etc/os-release", "PRETTY_NAME").map(name -> name.replace("\"", "") + ", ").orElse("")
            + "Linux " + read("/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version")),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        nginx.map(path -> run(List.of(path.toString(), "-v"), Path.of(".")).replace("nginx version: ", ""))
            .orElse(""),
        commit(repository),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        loadAverage(),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** The load averages (1, 5, 15 min) now. */
  public static String loadAverage() {
    return read("/proc/loadavg").map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3))).orElse("?");
  }

  private static String commit(Path repository) {
    String head = run(List.of("git", "rev-parse", "--short=12", "HEAD"), repository);
    if (head.isEmpty()) {
      return "unknown (not a git work tree)";
    }
    return head + (run(List.of("git", "status", "--porcelain", "--untracked-files=no"), repository).isEmpty()
        ? "" : " with uncommitted changes");
  }

  private static Optional<String> firstField(String file, String name) {
    return read(file).flatMap(text -> text.lines()
        .filter(line -> line.startsWith(name))
        .map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).trim())
        .findFirst());
  }

  private static Optional<String> read(String file) {
    try {
      return Optional.of(Files.readString(Path.of(file)).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A short command's output (stdout and stderr), trimmed; empty when it fails. */
  private static String run(List<String> command, Path directory) {
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.waitFor() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
