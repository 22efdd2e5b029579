package dev.claudebedrock.bench.profile;

import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.report.Formats;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's profile.
 *
 * @param rate requests per second of the open-loop rounds and windows, or 0 when {@code concurrency} were in flight
 * @param tokensPerSecond the simulator's pacing of its output, or 0 when it answered at once
 * @param warmupRounds the rounds of {@code requests} sent before the windows (until the JIT compilers settled, unless
 *     a number was asked for), each with the gateway's CPU and its JIT compilers' part per request
 * @param cpuSeconds the gateway's CPU time over the unprofiled window
 * @param cpuSecondsByThread the same by thread name (digits folded; Linux keeps 15 characters of a name)
 * @param requestsPerSecond the rate the unprofiled window ran at
 * @param latency the unprofiled window's latency (depends on what else the machine runs; open loop: from when each
 *     request was due)
 * @param failed requests of the unprofiled window that failed (open loop only: beyond what the machine carries)
 * @param profiledCpuSeconds the same over the profiled window (what the recording itself costs shows here)
 */
public record ProfileResult(Scenario scenario, int requests, int concurrency, double rate, double tokensPerSecond,
    List<WarmupRound> warmupRounds,
    int bodyBytes,
    double cpuSeconds,
    Map<String, Double> cpuSecondsByThread,
    double requestsPerSecond, LatencySummary latency, long failed, double profiledCpuSeconds, JfrSummary jfr,
    Path recording) {

  /** Gateway CPU time per request, microseconds (unprofiled window). */
  public double cpuMicrosPerRequest() {
    return cpuSeconds * 1e6 / requests;
  }

  /** The events each request's stream carries, or 0 when the scenario does not stream or the number is not known. */
  public int eventsPerRequest() {
    return scenario.workload().stream() ? scenario.workload().expectedEvents().orElse(0) : 0;
  }

  /** Bytes the gateway's threads allocated per request (profiled window). */
  public double bytesPerRequest() {
    return (double) jfr.allocatedBytes() / requests;
  }

  /** Prints the figures and the top {@code top} entries of each table. */
  public void print(PrintStream out, int top) {
    out.printf("%s: %s requests, %s, %s-byte body, %s%s; after %d warm-up rounds%n", scenario.label(),
        Formats.number(requests), rate > 0 ? "open loop at " + Formats.number(rate) + "/s" : concurrency + " in flight",
        Formats.number(bodyBytes), scenario.workload().stream() ? "streaming" : "non-streaming",
        tokensPerSecond > 0 ? ", paced at " + Formats.number(tokensPerSecond) + " tokens/s" : "", warmupRounds.size());
    for (int i = 0; i < warmupRounds.size(); i++) {
      out.printf("  warm-up round %d: %s µs CPU per request, of which JIT compilers %s µs%n", i + 1,
          Formats.number(Math.round(warmupRounds.get(i).cpuMicros())),
          Formats.number(Math.round(warmupRounds.get(i).compilerMicros())));
    }
    out.println("  latency, ms (unprofiled window; depends on the machine's load)  " + Formats.percentiles(latency)
        + (failed > 0 ? "; " + Formats.number(failed) + " failed" : ""));
    out.printf("  CPU per request        %s µs  (%s s of gateway CPU, %s requests/s; profiled window %s µs)%n",
        Formats.number(Math.round(cpuMicrosPerRequest())), fixed(cpuSeconds, 2), Formats.number(requestsPerSecond),
        Formats.number(Math.round(profiledCpuSeconds * 1e6 / requests)));
    if (eventsPerRequest() > 0) {
      out.printf("  CPU per event          %s µs  (%d events per stream)%n",
          fixed(cpuMicrosPerRequest() / eventsPerRequest(), 1),
          eventsPerRequest());
    }
    out.printf("  allocated per request  %s bytes  (%s MB in the profiled window; %d GCs, %s ms paused, longest %s ms; "
        + "heap after a GC up to %s MB)%n", Formats.number(Math.round(bytesPerRequest())),
        Formats.number(Math.round(jfr.allocatedBytes() / 1e6)), jfr.gcCount(), fixed(jfr.gcPauseMillis(), 1),
        fixed(jfr.gcLongestPauseMillis(), 1), Formats.number(Math.round(jfr.heapAfterGcMaxBytes() / 1e6)));
    double windowSeconds = rate > 0 ? requests / rate : requests / Math.max(requestsPerSecond, 1e-9);
    out.printf("  CPU by thread, µs per request (%% of one core over the %s s window):%n", fixed(windowSeconds, 1));
    cpuSecondsByThread.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
        .forEach(e -> out.printf("    %7s  %5s %%  %s%n", Formats.number(Math.round(e.getValue() * 1e6 / requests)),
            fixed(100 * e.getValue() / windowSeconds, 1), e.getKey()));
    table(out, "allocated by thread", jfr.allocatedByThread(), jfr.allocatedBytes(), top);
    table(out, "CPU samples (" + jfr.cpuSource() + ") by running method (self), of "
        + Formats.number(jfr.cpuSamples()), jfr.cpuByLeaf(),
        jfr.cpuSamples(), top);
    table(out, "CPU samples by the project method nearest the running one", jfr.cpuByNearestProjectMethod(),
        jfr.cpuSamples(), top);
    table(out, "CPU samples by project method on the stack (inclusive)", jfr.cpuByProjectMethod(), jfr.cpuSamples(),
        top);
    long sampled = jfr.allocByClass().values().stream().mapToLong(Long::longValue).sum();
    table(out, "allocation by site (first frame outside the JDK)", jfr.allocByLeafSite(), sampled, top);
    table(out, "allocation by class", jfr.allocByClass(), sampled, top);
    table(out, "allocation by project method on the stack (inclusive)", jfr.allocByProjectMethod(), sampled, top);
    long compiled = jfr.compilations().values().stream().mapToLong(Long::longValue).sum();
    long deoptimized = jfr.deoptimizations().values().stream().mapToLong(Long::longValue).sum();
    out.printf("  JIT: %d compilations (%s ms), %d deoptimizations in the profiled window%n", compiled,
        fixed(jfr.compileMillis(), 1), deoptimized);
    table(out, "deoptimizations by method (reason, action)", jfr.deoptimizations(), deoptimized, top);
    table(out, "compilations by method", jfr.compilations(), compiled, top);
    out.printf("  recording %s; folded stacks beside it (-cpu.folded, -alloc.folded)%n", recording);
  }

  private static void table(PrintStream out, String title, Map<String, Long> values, long total, int top) {
    out.println("  " + title + ":");
    for (Map.Entry<String, Long> entry : JfrSummary.top(values, top)) {
      out.printf("    %5s %%  %s%n", fixed(total > 0 ? 100.0 * entry.getValue() / total : 0, 1), entry.getKey());
    }
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
