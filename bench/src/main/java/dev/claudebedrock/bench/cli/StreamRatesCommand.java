package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.report.Formats;
import dev.claudebedrock.bench.report.StreamRatesSection;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ProcessGroup;
import dev.claudebedrock.bench.run.Tools;
import dev.claudebedrock.bench.suite.Progress;
import dev.claudebedrock.bench.suite.StreamRatesResult;
import dev.claudebedrock.bench.suite.StreamRatesScenario;
import dev.claudebedrock.bench.suite.SuitePlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code stream-rates}: the suite's streams at rising rates on their own, printed as the page's section. */
public final class StreamRatesCommand {
  public static final String USAGE = """
        stream-rates [--rates R1,R2,...] [--quick] [--repository DIR] [--no-nginx]
            Paced streams (50 tokens at 500 tokens/s) opened at rising rates (default 500, 1,000 and 2,000 per
            second) on the direct route, the gateway over HTTP/1.1 and over HTTP/2 to the simulator, and nginx,
            legs alternating (about three minutes; --quick: a moment at 40/s); prints the section the suite puts
            into docs/benchmarks.md ("Streams at rising rates").
      """;
  private static final int CONNECTIONS_PER_ROUTE = 512;

  private StreamRatesCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out) throws InterruptedException, IOException {
    Arguments options = Arguments.parse(args, Set.of("quick", "no-nginx"));
    boolean quick = options.isSet("quick");
    List<Double> rates;
    try {
      rates = options.optional("rates").map(StreamRatesCommand::rates).orElse(StreamRatesScenario.rates(quick));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--rates: " + e.getMessage());
    }
    Path repository = options.repository();
    boolean nginx = !options.isSet("no-nginx");
    options.finish();
    Tools tools = Arguments.toolsUnder(repository);
    if (!nginx) {
      tools = tools.withoutNginx();
    }
    SuitePlan plan = quick ? SuitePlan.quick() : SuitePlan.full();
    Path work = Files.createTempDirectory("claude-bedrock-stream-rates-");
    Progress progress = new Progress(out);
    progress.line("processes' logs in " + work);
    StreamRatesResult result;
    try (ProcessGroup group = new ProcessGroup(); LoadClient client = LoadClient.open(CONNECTIONS_PER_ROUTE)) {
      result = StreamRatesScenario.run(new Launcher(tools, work, group), client, plan, rates, progress);
    }
    out.println();
    out.print(StreamRatesSection.render(result, plan.rounds(), Formats.seconds(plan.legMeasure())));
    return 0;
  }

  private static List<Double> rates(String list) {
    List<Double> rates = Arrays.stream(list.split(",")).map(String::strip).map(Double::parseDouble).toList();
    if (rates.isEmpty() || rates.stream().anyMatch(rate -> !(rate > 0 && rate <= 100_000))) {
      throw new IllegalArgumentException(list + ": expected streams per second, each more than 0 and at most 100000");
    }
    return rates;
  }
}
