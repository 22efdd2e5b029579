package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.report.BeforeAfterPage;
import dev.claudebedrock.bench.report.Machine;
import dev.claudebedrock.bench.run.Tools;
import dev.claudebedrock.bench.suite.BeforeAfter;
import dev.claudebedrock.bench.suite.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** {@code compare}: this build's gateway against another commit's, same simulator, same run. */
public final class CompareCommand {
  public static final String USAGE = """
        compare --baseline DIR [--baseline-name NAME] [--quick] [--streams-only] [--rounds N] [--out FILE]
                [--page FILE] [--repository DIR]
            Runs this build's gateway and the one built in DIR (another commit's checkout, built) side by side
            in front of one simulator: the small and the 50 KB body at 200, 500 and 1,000 requests/s and 100
            streams/s, legs alternating with the direct route (about six minutes; --quick: a moment of each).
            Prints a Markdown section (also written to --out FILE), each table ending with this build less the
            baseline; --page FILE puts it into the benchmark page (docs/benchmarks.md) as its "Before and
            after" section, which scripts/bench.sh keeps. scripts/bench-compare.sh REV builds the baseline
            from a commit and runs this. --streams-only runs the paced streams alone (about a minute with the
            default two rounds; --rounds N for more), to find which commit changed a stream's cost.
      """;

  private CompareCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out) throws InterruptedException, IOException {
    Arguments options = Arguments.parse(args, Set.of("quick", "streams-only"));
    Path baselineDirectory = options.optional("baseline").map(Path::of).orElseThrow(
        () -> new UsageException("compare needs --baseline DIR: a checkout of the commit to compare with, built"));
    String baselineName = options.string("baseline-name", String.valueOf(baselineDirectory.getFileName()));
    boolean quick = options.isSet("quick");
    BeforeAfter.Legs legs = options.isSet("streams-only") ? BeforeAfter.Legs.STREAMS : BeforeAfter.Legs.ALL;
    OptionalInt rounds = options.optional("rounds").isPresent()
        ? OptionalInt.of(options.integer("rounds", 2, 1, 100))
        : OptionalInt.empty();
    Optional<Path> outFile = options.optional("out").map(Path::of);
    Optional<Path> pageFile = options.optional("page").map(Path::of);
    Path repository = options.repository();
    options.finish();
    Tools tools = Arguments.toolsUnder(repository).withoutNginx();
    Tools baseline = Arguments.toolsUnder(baselineDirectory).withoutNginx();
    Machine machine = Machine.describe(repository, Optional.empty());
    Path work = Files.createTempDirectory("claude-bedrock-compare-");
    Progress progress = new Progress(out);
    progress.line("processes' logs in " + work);
    BeforeAfter.Result result = BeforeAfter.run(tools, baseline, BeforeAfter.plan(quick, rounds), legs, work,
        progress);
    String page = BeforeAfterPage.render(result, machine, Machine.loadAverage(), baselineName, machine.commit());
    out.println();
    out.print(page);
    if (outFile.isPresent()) {
      Files.writeString(outFile.get(), page);
      progress.line("wrote " + outFile.get());
    }
    if (pageFile.isPresent()) {
      String existing = Files.isRegularFile(pageFile.get()) ? Files.readString(pageFile.get()) : "";
      Files.writeString(pageFile.get(), BeforeAfterPage.placeInto(existing, page));
      progress.line("put it into " + pageFile.get());
    }
    return 0;
  }
}
