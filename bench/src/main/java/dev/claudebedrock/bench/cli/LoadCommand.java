package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.ClosedLoop;
import dev.claudebedrock.bench.load.ClosedLoopPlan;
import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.load.LoadClient;
import dev.claudebedrock.bench.load.LoadResult;
import dev.claudebedrock.bench.load.OpenLoop;
import dev.claudebedrock.bench.load.OpenLoopPlan;
import dev.claudebedrock.bench.load.Recording;
import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.bench.report.Formats;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code load}: drives one workload against any base URL and prints what it measured. */
public final class LoadCommand {
  public static final String USAGE = """
        load --url URL (--token TOKEN | --api-key KEY) [options]
            Drives one workload against a gateway (or any Anthropic Messages API endpoint) and prints the
            latency percentiles. Options:
              --api anthropic|openai|bedrock|mantle
                                        dialect of the URL (default anthropic; openai: Chat Completions
                                        under the URL, e.g. http://gateway:3000; bedrock: InvokeModel,
                                        mantle: Bedrock's native Messages API, each with a Bedrock API key
                                        as --token)
              --model NAME              model name or Bedrock id (default claude-sonnet-5-5)
              --body small|claude-code  one short message, or a 50 KB Claude Code-shaped request
              --stream                  streaming requests (time to first event is reported too)
              --tokens N                reply tokens asked of the simulator (default 20)
              --mode open|closed        constant rate (default), or a fixed number in flight
              --rate R                  requests per second in open mode (default 100)
              --concurrency N           requests in flight in closed mode (default 32)
              --duration S, --warmup S  measured seconds (default 30) after a warm-up (default 5)
              --connections N           most connections per event loop (two loops; default 512): an
                                        open loop faster than the server queues beyond them
            Exits with 1 when a request failed. Against a real deployment each request costs tokens.
      """;
  private LoadCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out) throws InterruptedException {
    LoadSettings settings = parse(args);
    out.println(settings.describe());
    LoadResult result;
    try (LoadClient client = LoadClient.open(settings.connections())) {
      Recording recording = new Recording(settings.workload(), 0);
      result = settings.openLoop().isPresent()
          ? OpenLoop.run(client, settings.target(), recording, settings.openLoop().get())
          : ClosedLoop.run(client, settings.target(), recording, settings.closedLoop().orElseThrow());
    }
    print(result, settings.workload().stream(), out);
    return result.errors() == 0 ? 0 : 1;
  }

  static LoadSettings parse(String[] args) {
    try {
      return parseValidated(args);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static LoadSettings parseValidated(String[] args) {
    Arguments options = Arguments.parse(args, Set.of("stream"));
    URI url = url(options.optional("url").orElseThrow(() -> new UsageException("--url is required")));
    Optional<String> token = options.optional("token");
    Optional<String> apiKey = options.optional("api-key");
    if (token.isPresent() == apiKey.isPresent()) {
      throw new UsageException("give exactly one of --token and --api-key");
    }
    String api = options.string("api", "anthropic");
    String model = options.string("model", "claude-sonnet-5-5");
    Target target = switch (api) {
      case "anthropic" ->
        Target.anthropic("target", url, model, token.orElseGet(apiKey::orElseThrow), apiKey.isPresent());
      case "openai" -> Target.openAi("target", url, model, token.orElseGet(apiKey::orElseThrow));
      case "bedrock" -> Target.bedrock("target", url, model, token.orElseThrow(
          () -> new UsageException("--api bedrock takes the Bedrock API key as --token")));
      case "mantle" -> Target.mantle("target", url, model, token.orElseThrow(
          () -> new UsageException("--api mantle takes the Bedrock API key as --token")));
      default -> throw new UsageException("--api " + api + ": expected anthropic, openai, bedrock or mantle");
    };
    Workload workload = new Workload(BodyKind.parse(options.string("body", "small")), options.isSet("stream"),
        options.integer("tokens", 20, 1, 10_000));
    String mode = options.string("mode", "open");
    double rate = options.decimal("rate", 100, 0.1, 100_000);
    int concurrency = options.integer("concurrency", 32, 1, 10_000);
    Duration duration = options.seconds("duration", 30, 0.1, 86_400);
    Duration warmup = options.seconds("warmup", 5, 0, 3_600);
    int connections = options.integer("connections", 512, 1, 100_000);
    options.finish();
    return switch (mode) {
      case "open" -> new LoadSettings(target, workload,
          Optional.of(new OpenLoopPlan(rate, warmup, duration, Duration.ofSeconds(60))), Optional.empty(), connections);
      case "closed" -> new LoadSettings(target, workload, Optional.empty(),
          Optional.of(new ClosedLoopPlan(concurrency, warmup, duration)), connections);
      default -> throw new UsageException("--mode " + mode + ": expected open or closed");
    };
  }

  private static URI url(String text) {
    try {
      URI url = new URI(text);
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
        throw new UsageException("--url " + text + ": expected http(s)://host[:port][/path]");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new UsageException("--url " + text + ": " + e.getMessage());
    }
  }

  private static void print(LoadResult result, boolean stream, PrintStream out) {
    out.printf("sent %d, completed %d, errors %d; %s completed/s%n", result.sent(), result.completed(),
        result.errors(), Formats.number(result.completedPerSecond()));
    out.println("latency, ms      " + Formats.percentiles(LatencySummary.of(result.latency())));
    if (stream) {
      out.println("first event, ms  " + Formats.percentiles(LatencySummary.of(result.firstEvent())));
    }
    result.errorSamples().forEach(sample -> out.println("error: " + sample));
  }
}
