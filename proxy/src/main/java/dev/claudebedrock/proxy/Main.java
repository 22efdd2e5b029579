package dev.claudebedrock.proxy;

import ch.qos.logback.classic.LoggerContext;
import dev.claudebedrock.proxy.cli.OperatorCommands;
import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.config.ConfigException;
import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.ConfigSource;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.doctor.Doctor;
import dev.claudebedrock.proxy.observability.LogSetup;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line.
 *
 * <pre>
 * java -jar claude-bedrock-proxy.jar [serve] [--config PATH] [--port N]
 * java -jar claude-bedrock-proxy.jar hash-key TOKEN
 * java -jar claude-bedrock-proxy.jar doctor [--config PATH] [--model NAME]...
 * java -jar claude-bedrock-proxy.jar keys create|list|revoke|rotate ... | spend ...
 * java -jar claude-bedrock-proxy.jar --version | --help
 * </pre>
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    String command = !rest.isEmpty() && !rest.peekFirst().startsWith("-") ? rest.removeFirst() : "serve";
    try {
      switch (command) {
        case "serve" -> serve(rest);
        case "hash-key" -> hashKey(rest);
        case "doctor" -> exit(Doctor.run(List.copyOf(rest)));
        case "keys", "spend" -> exit(operator(command, rest));
        default -> usage("Unknown command: " + command);
      }
    } catch (ConfigException e) {
      log.error(e.getMessage());
      exit(EXIT_USAGE);
    }
  }

  private static void serve(Deque<String> args) {
    Optional<Path> config = Optional.empty();
    Map<String, String> env = new HashMap<>(System.getenv());
    while (!args.isEmpty()) {
      String arg = args.removeFirst();
      switch (arg) {
        case "--config" -> config = Optional.of(Path.of(value(args, arg)));
        case "--port" -> env.put("PORT", value(args, arg));
        case "--version" -> {
          System.out.println("claude-bedrock-proxy " + version());
          return;
        }
        case "--help", "-h" -> {
          usage(null);
          return;
        }
        default -> usage("Unknown option: " + arg);
      }
    }
    ConfigSource source = ConfigSource.locate(config, new Environment(env));
    ProxyConfig loaded = source.load();
    List<String> unknownNamespaces = LogSetup.apply(loaded.logging());
    if (!unknownNamespaces.isEmpty()) {
      log.warn("DEBUG names unknown namespaces {}; known: bedrock:* and {}", unknownNamespaces,
          LogSetup.NAMESPACES.keySet());
    }
    if (loaded.auth().allowAnonymous()) {
      log.warn("auth.allow_anonymous is on: anyone who reaches this port can spend the AWS account's Bedrock quota");
    }
    if (loaded.auth().passthroughAllowAnonymous() && loaded.passthrough().enabled()) {
      log.warn(
          "auth.passthrough_allow_anonymous is on: anyone who reaches /bedrock can call Bedrock with this gateway's AWS credentials");
    }
    log.info("Configuration read from {}", loaded.source());
    ProxyServer server = ProxyServer.start(source);
    Runnable drain = () -> {
      server.shutdown(server.shutdownGrace());
      log.info("Stopped");
      exit(0);
    };
    for (String signal : List.of("TERM", "INT")) {
      ProcessSignals.on(signal, () -> new Thread(drain, "shutdown").start());
    }
    // SIGHUP reloads the configuration; its outcome is logged (and counted) by the reload itself.
    ProcessSignals.on("HUP", () -> new Thread(() -> server.reload("SIGHUP"), "reload").start());
  }

  /** {@code keys …} and {@code spend …}: the configuration from {@code --config} (first) and the environment. */
  private static int operator(String command, Deque<String> args) {
    Optional<Path> config = Optional.empty();
    if (!args.isEmpty() && args.peekFirst().equals("--config")) {
      args.removeFirst();
      config = Optional.of(Path.of(value(args, "--config")));
    }
    ProxyConfig loaded = ConfigLoader.load(config, Environment.system());
    return OperatorCommands.run(command, args, loaded, System.out, System.err);
  }

  private static void hashKey(Deque<String> args) {
    if (args.size() != 1) {
      usage("hash-key takes exactly one argument: the client key to hash");
      return;
    }
    System.out.println(HexFormat.of().formatHex(ClientKey.sha256(args.removeFirst())));
  }

  private static String value(Deque<String> args, String option) {
    if (args.isEmpty()) {
      usage(option + " needs a value");
    }
    return args.removeFirst();
  }

  private static void usage(String problem) {
    String text = """
        claude-bedrock-proxy %s: the Anthropic Messages API on AWS Bedrock

        Usage:
          java -jar claude-bedrock-proxy.jar [serve] [--config PATH] [--port N]
              Runs the gateway. The configuration comes from --config, BEDROCK_CONFIG or
              .claude/bedrock.config.yaml; environment variables override every key.
          java -jar claude-bedrock-proxy.jar hash-key TOKEN
              Prints the SHA-256 to list a client key under auth.keys.
          java -jar claude-bedrock-proxy.jar doctor [--config PATH] [--model NAME]...
              Checks the configuration, AWS credentials (STS caller identity) and each model on
              Bedrock; prints what is wrong and how to fix it; exits 1 when something is.
        %s  java -jar claude-bedrock-proxy.jar --version | --help
        """.formatted(version(), OperatorCommands.USAGE);
    if (problem == null) {
      System.out.print(text);
      return;
    }
    System.err.println(problem);
    System.err.print(text);
    exit(EXIT_USAGE);
  }

  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  private static void exit(int code) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
    System.exit(code);
  }
}
