package dev.claudebedrock.proxy.doctor;

import dev.claudebedrock.proxy.bedrock.BearerTokenAuth;
import dev.claudebedrock.proxy.bedrock.CredentialsCache;
import dev.claudebedrock.proxy.bedrock.SigV4Auth;
import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.LoggingConfig;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.observability.LogSetup;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar claude-bedrock-proxy.jar doctor [--config PATH] [--model NAME]...}: checks what a
 * deployment needs, in the order it needs it (configuration, Java's TLS, AWS credentials, caller
 * identity, each model on Bedrock), says what is wrong and how to fix it, and exits non-zero when
 * something is.
 */
public final class Doctor {
  /** Exit status when nothing is wrong. */
  public static final int OK = 0;
  /** Exit status when a check found a problem. */
  public static final int PROBLEMS = 1;
  /** Exit status for a command-line mistake. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT = """
      Usage: java -jar claude-bedrock-proxy.jar doctor [--config PATH] [--model NAME]...
          Loads the configuration as the gateway does, checks Java's TLS support, resolves the AWS
          credentials, asks STS whose they are, and sends a max_tokens=1 InvokeModel for each model
          served (or each --model). Exits 0 when nothing is wrong, 1 when something is.
      """;

  private Doctor() {}

  /** Runs with the process environment, printing to stdout; log lines below errors would only interleave with the report. */
  public static int run(List<String> args) {
    LogSetup.apply(new LoggingConfig(LoggingConfig.Level.ERROR, "", false));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    return run(args, System.getenv(), out);
  }

  /** Runs with the given environment and output. */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out) {
    Optional<Path> file = Optional.empty();
    List<String> models = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--help", "-h" -> {
          out.print(USAGE_TEXT);
          return OK;
        }
        case "--config", "--model" -> {
          if (i + 1 == args.size()) {
            out.println(arg + " needs a value");
            out.print(USAGE_TEXT);
            return USAGE;
          }
          String value = args.get(++i);
          if (arg.equals("--config")) {
            file = Optional.of(Path.of(value));
          } else {
            models.add(value);
          }
        }
        default -> {
          out.println("Unknown option: " + arg);
          out.print(USAGE_TEXT);
          return USAGE;
        }
      }
    }
    Environment env = new Environment(environment);
    Report report = new Report(out);
    report.heading("claude-bedrock-proxy doctor: checking what the gateway needs, in the order it needs it");
    Optional<ProxyConfig> loaded = ConfigCheck.run(file, env, report);
    if (loaded.isEmpty()) {
      return report.finish();
    }
    ProxyConfig config = loaded.get();
    AwsConfig aws = config.aws();
    RuntimeCheck.run(aws.endpoint().tls() || aws.stsEndpoint().tls(), report);
    if (aws.usesBearerToken()) {
      BearerTokenAuth apiKey = new BearerTokenAuth(aws.bearerToken());
      report.ok("AWS credentials", apiKey.describe());
      report.skip("Caller identity", "STS cannot check a Bedrock API key; the model checks below do");
      ModelChecks.run(config, apiKey, models, report);
      return report.finish();
    }
    Optional<CredentialsCache> credentials = CredentialsCheck.run(aws, env, report);
    if (credentials.isEmpty()) {
      report.skip("Caller identity and models", "they need AWS credentials");
      return report.finish();
    }
    try (CredentialsCache cache = credentials.get()) {
      CallerIdentityCheck.run(aws, cache.current(), report);
      ModelChecks.run(config, new SigV4Auth(cache, aws.region(), "bedrock"), models, report);
    }
    return report.finish();
  }
}
