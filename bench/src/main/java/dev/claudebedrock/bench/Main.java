package dev.claudebedrock.bench;

import java.util.Arrays;

/** Entry point of the benchmark jar: {@code jmh [JMH options]} runs the micro-benchmarks of the hot paths. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      default -> {
        System.err.println("usage: java -jar claude-bedrock-bench.jar jmh [JMH options]");
        System.exit(command.equals("help") ? 0 : 2);
      }
    }
  }
}
