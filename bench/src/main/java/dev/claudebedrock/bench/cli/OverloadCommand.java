package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.overload.LegResult;
import dev.claudebedrock.bench.overload.OverloadCurve;
import dev.claudebedrock.bench.overload.OverloadPlan;
import dev.claudebedrock.bench.report.Formats;
import dev.claudebedrock.bench.report.Machine;
import dev.claudebedrock.bench.run.Tools;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** {@code overload}: measures the gateway's overload curve and prints it as a Markdown table. */
public final class OverloadCommand {
  public static final String USAGE = """
        overload [--quick] [--repository DIR]
            Measures the overload curve (about two and a half minutes; --quick: a few seconds): a gateway of known
            capacity (admission.max_in_flight places over the simulator's fixed latency) under open-loop load at
            0.5x, 1x and 2x capacity, then 0.5x again; prints each leg's admitted latency, share of 529s and
            /health/ready 503s, and the time readiness took to come back. Loopback only.
      """;

  private OverloadCommand() {}

  /** Runs the command; returns the exit status (1 when a request failed other than with 529). */
  public static int run(String[] args, PrintStream out) throws InterruptedException, IOException {
    Arguments options = Arguments.parse(args, Set.of("quick"));
    boolean quick = options.isSet("quick");
    Path repository = options.repository();
    options.finish();
    Tools tools = Arguments.toolsUnder(repository);
    Machine machine = Machine.describe(repository, Optional.empty());
    Path work = Files.createTempDirectory("claude-bedrock-overload-");
    OverloadCurve.Result result = OverloadCurve.run(tools, quick ? OverloadPlan.quick() : OverloadPlan.full(), work,
        out);
    print(result, machine, quick, out);
    return result.legs().stream().allMatch(leg -> leg.otherErrors() == 0) ? 0 : 1;
  }

  /** The curve as Markdown: what was run where, one row per leg, and the ratios the design targets name. */
  public static void print(OverloadCurve.Result result, Machine machine, boolean quick, PrintStream out) {
    OverloadPlan plan = result.plan();
    out.println();
    out.printf("Measured %s on %s (%d cores, %s), %s; commit %s; load average before %s.%n", machine.date(),
        machine.cpu(), machine.cores(), Formats.number(machine.memoryBytes() / 1e9) + " GB", machine.os(),
        machine.commit(), machine.loadBefore());
    out.printf("Command: `scripts/overload-curve.sh%s`. Capacity %s requests/s: %d places "
        + "(`admission.max_in_flight`) over a simulator answering in %d ms; queue deadline %d ms; other settings "
        + "at their defaults. Legs of %s s each, in this order.%n%n", quick ? " --quick" : "",
        Formats.number(plan.capacity()), plan.maxInFlight(), plan.upstreamLatency().toMillis(),
        plan.queueTimeout().toMillis(), Formats.number(plan.leg().toMillis() / 1000.0));
    out.println("| Offered load | Requests/s | Sent | Admitted (200) | 529 | Other errors | Admitted p50 | "
        + "Admitted p99 | 529 answered in (p99) | `/health/ready` 503 |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (LegResult leg : result.legs()) {
      out.printf("| %s× | %s | %d | %d | %d (%s) | %d | %s | %s | %s | %d of %d polls |%n",
          Formats.number(leg.load()), Formats.number(leg.rate()), leg.result().sent(), leg.result().completed(),
          leg.refusals().count(), Formats.percent(leg.refusedShare()), leg.otherErrors(),
          ms(leg.admitted().p50()), ms(leg.admitted().p99()),
          leg.refusals().count() == 0 ? "–" : ms(leg.refusals().p99()), leg.notReady(), leg.readyChecks());
    }
    LegResult uncongested = result.legs().get(0);
    LegResult overloaded = result.legs().stream().filter(leg -> leg.load() > 1).findFirst().orElseThrow();
    LegResult after = result.legs().get(result.legs().size() - 1);
    out.println();
    out.printf("Admitted p99 at 2× capacity: %s, %.2f× the uncongested p99 (%s); readiness back %s after the "
        + "overload stopped; admitted p99 at 0.5× afterwards: %s.%n", ms(overloaded.admitted().p99()),
        overloaded.admitted().p99() / uncongested.admitted().p99(), ms(uncongested.admitted().p99()),
        result.recovery().isNegative() ? "never within the run" : result.recovery().toMillis() + " ms",
        ms(after.admitted().p99()));
  }

  private static String ms(double millis) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", millis);
  }
}
