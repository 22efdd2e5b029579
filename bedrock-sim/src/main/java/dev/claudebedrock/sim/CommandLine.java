package dev.claudebedrock.sim;

import dev.claudebedrock.sim.models.ModelsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the simulator's flags (and their {@code SIM_*} environment equivalents; flags win). Defaults differ from
 * the builder's where a process differs from a test: listen on 0.0.0.0:9100.
 */
final class CommandLine {
  static final String USAGE = """
      Usage: java -jar bedrock-sim.jar [options]

        --port N                 port to listen on (default 9100; 0 picks a free one)      SIM_PORT
        --host HOST              interface to listen on (default 0.0.0.0)                  SIM_HOST
        --region REGION          region requests must be signed for (default us-east-1)    SIM_REGION
        --access-key-id ID       accepted access key id (default AKIDSIMULATOREXAMPLE)     SIM_ACCESS_KEY_ID
        --secret-access-key KEY  its secret (default sim-secret-access-key-example)        SIM_SECRET_ACCESS_KEY
        --session-token TOKEN    session token requests must carry (default none)          SIM_SESSION_TOKEN
        --api-key KEY            accepted Bedrock API key; "" refuses bearer auth          SIM_API_KEY
                                 (default sim-bedrock-api-key)
        --account-id ID          account id in ARNs and STS answers (default 123456789012) SIM_ACCOUNT_ID
        --models FILE            JSON model list replacing the built-in one                SIM_MODELS
        --first-byte-ms N        latency before the first byte (default 0)                 SIM_FIRST_BYTE_MS
        --tokens-per-second N    output pacing; 0 is instant (default 0)                   SIM_TOKENS_PER_SECOND
        --control-api            enable the unauthenticated /_sim/ control API             SIM_CONTROL_API=true
        --event-loops N          event loops (default: available processors)               SIM_EVENT_LOOPS
        --record-limit N         recent requests kept for /_sim/requests (default 10000)   SIM_RECORD_LIMIT
        --help                   print this text
      """;

  /** A flag or value that cannot be used; the message names it. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** What the command line asks for: a configuration, or just the help text. */
  record Parsed(SimulatorConfig config, boolean help) {}

  private static final Map<String, String> ENV = new LinkedHashMap<>();
  private static final List<String> SWITCHES = List.of("--control-api", "--help");

  static {
    for (String flag : List.of("--port", "--host", "--region", "--access-key-id", "--secret-access-key",
        "--session-token",
        "--api-key", "--account-id", "--models", "--first-byte-ms", "--tokens-per-second", "--control-api",
        "--event-loops", "--record-limit")) {
      ENV.put(flag, "SIM_" + flag.substring(2).replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    }
  }

  private CommandLine() {}

  static Parsed parse(String[] args, Map<String, String> env) throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> flag : ENV.entrySet()) {
      String fromEnv = env.get(flag.getValue());
      if (fromEnv != null) {
        values.put(flag.getKey(), fromEnv);
      }
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Parsed(null, true);
      }
      if (!ENV.containsKey(arg)) {
        throw new UsageException("unknown option: " + args[i]);
      }
      if (SWITCHES.contains(arg)) {
        values.put(arg, value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(arg + " needs a value");
        }
        value = args[++i];
      }
      values.put(arg, value);
    }
    return new Parsed(config(values), false);
  }

  private static SimulatorConfig config(Map<String, String> values) throws UsageException {
    SimulatorConfig.Builder builder = SimulatorConfig.builder().host("0.0.0.0").port(9100);
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String flag = entry.getKey();
      String value = entry.getValue();
      switch (flag) {
        case "--port" -> builder.port(intValue(flag, value, 0, 65535));
        case "--host" -> builder.host(text(flag, value));
        case "--region" -> builder.region(text(flag, value));
        case "--access-key-id" -> builder.accessKeyId(text(flag, value));
        case "--secret-access-key" -> builder.secretAccessKey(text(flag, value));
        case "--session-token" -> builder.sessionToken(value.isEmpty() ? null : value);
        case "--api-key" -> builder.apiKey(value.isEmpty() ? null : value);
        case "--account-id" -> builder.accountId(account(flag, value));
        case "--models" -> models(builder, flag, value);
        case "--first-byte-ms" ->
          builder.firstByteLatency(Duration.ofMillis(intValue(flag, value, 0, Integer.MAX_VALUE)));
        case "--tokens-per-second" -> builder.tokensPerSecond(rate(flag, value));
        case "--control-api" -> builder.controlApi(bool(flag, value));
        case "--event-loops" -> builder.eventLoops(intValue(flag, value, 1, 1024));
        case "--record-limit" -> builder.recordLimit(intValue(flag, value, 0, 10_000_000));
        default -> throw new UsageException("unknown option: " + flag);
      }
    }
    return builder.build();
  }

  private static void models(SimulatorConfig.Builder builder, String flag, String value) throws UsageException {
    try {
      ModelsFile.Contents contents = ModelsFile.read(Path.of(value));
      builder.models(contents.models()).applicationProfiles(contents.applicationProfiles());
    } catch (IOException e) {
      throw new UsageException(flag + " " + value + ": cannot read it (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + " " + e.getMessage());
    }
  }

  private static int intValue(String flag, String value, int min, int max) throws UsageException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(flag + " expects an integer from " + min + " to " + max + ", got '" + value + "'");
  }

  private static double rate(String flag, String value) throws UsageException {
    try {
      double n = Double.parseDouble(value.trim());
      if (n >= 0 && Double.isFinite(n)) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(flag + " expects a number >= 0, got '" + value + "'");
  }

  private static boolean bool(String flag, String value) throws UsageException {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new UsageException(flag + " expects true or false, got '" + value + "'");
    };
  }

  private static String text(String flag, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(flag + " must not be empty");
    }
    return value.trim();
  }

  private static String account(String flag, String value) throws UsageException {
    if (!value.matches("\\d{12}")) {
      throw new UsageException(flag + " expects 12 digits, got '" + value + "'");
    }
    return value;
  }
}
