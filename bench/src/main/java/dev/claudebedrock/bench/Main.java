package dev.claudebedrock.bench;

import dev.claudebedrock.bench.cli.CompareCommand;
import dev.claudebedrock.bench.cli.LoadCommand;
import dev.claudebedrock.bench.cli.OverloadCommand;
import dev.claudebedrock.bench.cli.ProfileCommand;
import dev.claudebedrock.bench.cli.StreamRatesCommand;
import dev.claudebedrock.bench.cli.SuiteCommand;
import dev.claudebedrock.bench.cli.UsageException;
import java.util.Arrays;

/**
 * Entry point of the benchmark jar: {@code suite} runs every scenario and writes the report, {@code load} drives
 * one workload against any URL, {@code profile} measures CPU and allocation per request, {@code compare} sets this build's gateway beside another commit's, {@code jmh} runs the micro-benchmarks of the hot paths.
 */
public final class Main {
  private static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    try {
      switch (command) {
        case "suite" -> System.exit(SuiteCommand.run(rest, System.out));
        case "load" -> System.exit(LoadCommand.run(rest, System.out));
        case "overload" -> System.exit(OverloadCommand.run(rest, System.out));
        case "profile" -> System.exit(ProfileCommand.run(rest, System.out));
        case "compare" -> System.exit(CompareCommand.run(rest, System.out));
        case "stream-rates" -> System.exit(StreamRatesCommand.run(rest, System.out));
        case "jmh" -> org.openjdk.jmh.Main.main(rest);
        case "help", "--help", "-h" -> System.out.print(usage());
        default -> throw new UsageException("unknown command " + command);
      }
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.print(usage());
      System.exit(EXIT_USAGE);
    }
  }

  private static String usage() {
    return "usage: java -jar claude-bedrock-bench.jar COMMAND [options]\n\n" + SuiteCommand.USAGE + LoadCommand.USAGE
        + OverloadCommand.USAGE + ProfileCommand.USAGE + CompareCommand.USAGE + StreamRatesCommand.USAGE
        + """
              jmh [JMH options]
                  The micro-benchmarks of the hot paths (JMH's own options, e.g. -h).
            """;
  }
}
