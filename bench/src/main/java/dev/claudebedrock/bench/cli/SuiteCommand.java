package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.report.Machine;
import dev.claudebedrock.bench.report.Report;
import dev.claudebedrock.bench.report.TargetCheck;
import dev.claudebedrock.bench.run.Tools;
import dev.claudebedrock.bench.suite.Progress;
import dev.claudebedrock.bench.suite.Suite;
import dev.claudebedrock.bench.suite.SuitePlan;
import dev.claudebedrock.bench.suite.SuiteResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code suite}: starts the simulator, gateways and nginx, runs every scenario and writes the report. */
public final class SuiteCommand {
  public static final String USAGE = """
        suite [--quick] [--out DIR] [--repository DIR] [--no-nginx]
            Runs every scenario (about 25 minutes; --quick: a few seconds each, to check the suite works) and
            writes benchmarks.md, benchmarks-latency.svg and benchmarks.json into DIR (default docs). The jars
            are taken from the repository's target directories (default: the working directory); nginx from
            the PATH, for the baseline column (--no-nginx leaves it out).
      """;

  private SuiteCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out) throws InterruptedException, IOException {
    Arguments options = Arguments.parse(args, Set.of("quick", "no-nginx"));
    boolean quick = options.isSet("quick");
    Path outDir = Path.of(options.string("out", "docs"));
    Path repository = options.repository();
    boolean nginx = !options.isSet("no-nginx");
    options.finish();
    Tools tools = Arguments.toolsUnder(repository);
    if (!nginx) {
      tools = tools.withoutNginx();
    } else if (tools.nginx().isEmpty()) {
      out.println("nginx is not installed (apt-get install nginx-light): the baseline column is left out");
    }
    run(tools, quick ? SuitePlan.quick() : SuitePlan.full(), quick, repository, outDir, out);
    return 0;
  }

  /** Runs the suite and writes its report into {@code outDir}; the processes' logs go to a temporary directory. */
  public static SuiteResult run(Tools tools, SuitePlan plan, boolean quick, Path repository, Path outDir,
      PrintStream out) throws InterruptedException, IOException {
    Machine machine = Machine.describe(repository, tools.nginx());
    Path work = Files.createTempDirectory("claude-bedrock-bench-");
    Progress progress = new Progress(out);
    progress.line("processes' logs in " + work);
    SuiteResult result;
    try {
      result = new Suite(tools, plan, quick, work, progress).run();
    } catch (RuntimeException | InterruptedException e) {
      progress.line("failed; the processes' logs stay in " + work);
      throw e;
    }
    List<TargetCheck> targets = Report.write(outDir, result, machine, Machine.loadAverage());
    progress.line("wrote " + outDir.resolve(Report.PAGE) + ", " + outDir.resolve(Report.CHART) + " and "
        + outDir.resolve(Report.JSON));
    targets.forEach(check -> out.printf("  %-12s %-70s %s%n", check.verdict().name().toLowerCase(java.util.Locale.ROOT),
        check.target(), check.measured()));
    deleteRecursively(work);
    return result;
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> {
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
