package dev.claudebedrock.sim;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar bedrock-sim.jar --port 9100 …}: runs the simulator until the process is stopped. */
public final class Main {
  private Main() {}

  /** Entry point; exits with 2 on a bad flag and 1 when the simulator cannot start. */
  public static void main(String[] args) throws InterruptedException {
    CommandLine.Parsed parsed;
    try {
      parsed = CommandLine.parse(args, System.getenv());
    } catch (CommandLine.UsageException e) {
      System.err.println("bedrock-sim: " + e.getMessage());
      System.err.println();
      System.err.print(CommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (parsed.help()) {
      System.out.print(CommandLine.USAGE);
      return;
    }
    Logger log = LoggerFactory.getLogger("bedrock-sim");
    BedrockSimulator simulator;
    try {
      simulator = BedrockSimulator.start(parsed.config());
    } catch (RuntimeException e) {
      log.error("bedrock-sim could not start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    SimulatorConfig config = simulator.config();
    log.info("bedrock-sim listening on {}:{} (region {}, access key id {}, {} models, control API {}, {} event loops)",
        config.host(), simulator.port(), config.region(), config.accessKeyId(), config.models().size(),
        config.controlApi() ? "on" : "off", config.eventLoops());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }, "bedrock-sim-shutdown"));
    stopped.await();
  }
}
