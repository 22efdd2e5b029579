package dev.claudebedrock.bench.run;

import dev.claudebedrock.sim.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the processes a run measures, each in the run's directory with a clean environment (so nothing of the
 * caller's configuration leaks in) on a free loopback port, and returns once each is ready.
 */
public final class Launcher {
  /** The gateway's JVM flags in the container image (the Dockerfile's {@code jvm.options}); a test keeps them equal. */
  public static final List<String> PRODUCTION_JVM_FLAGS = List.of(
      "-XX:+UseG1GC",
      "-XX:MaxRAMPercentage=60",
      "-XX:G1PeriodicGCInterval=15000",
      "-XX:TrimNativeHeapInterval=2000",
      "-Xlog:trimnative=off",
      "-XX:+ExitOnOutOfMemoryError",
      "-XX:-UsePerfData",
      "-XX:ErrorFile=/tmp/hs_err_pid%p.log",
      "-Djava.io.tmpdir=/tmp");

  /**
   * The memory limit of the production compose file (4 GB) as the JVM sees a container's limit: without it, on
   * this bare host, the heap and the collector's tables would be sized from all of the machine's memory.
   */
  public static final List<String> CONTAINER_LIMIT_FLAGS = List.of("-XX:MaxRAM=4g");

  /** The client token the gateways accept. */
  public static final String GATEWAY_TOKEN = "claude-bedrock-bench-token";

  /** A client key with rate limits and a budget, accepted by a governed gateway ({@link #governance}). */
  public static final String GOVERNED_KEY = "claude-bedrock-bench-governed-key";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SIMULATOR_POLL = Duration.ofMillis(20);
  private static final Duration READY_POLL = Duration.ofMillis(5);

  private final Tools tools;
  private final Path directory;
  private final ProcessGroup group;
  private int started;

  public Launcher(Tools tools, Path directory, ProcessGroup group) {
    this.tools = tools;
    this.directory = directory;
    this.group = group;
  }

  public Tools tools() {
    return tools;
  }

  /** A simulator pacing its output at {@code tokensPerSecond} (0: at once), recording nothing. */
  public Simulator simulator(double tokensPerSecond) {
    return simulator(tokensPerSecond, java.time.Duration.ZERO);
  }

  /** The same, every answer's first byte {@code firstByte} late (a fixed service time). */
  public Simulator simulator(double tokensPerSecond, java.time.Duration firstByte) {
    int port = FreePorts.next();
    ManagedProcess process = start("simulator", List.of(tools.java().toString(), "-jar",
        tools.simulatorJar().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--tokens-per-second", Double.toString(tokensPerSecond), "--first-byte-ms",
        Long.toString(firstByte.toMillis()), "--record-limit", "0"), Map.of());
    // Any HTTP answer means it listens (an unknown path is a Bedrock-style 404).
    HttpProbe.await(process, port, "/", status -> true, SIMULATOR_POLL, START_TIMEOUT);
    return new Simulator(process, port, tokensPerSecond);
  }

  /** A gateway in front of a Bedrock endpoint, with the production JVM flags and memory limit; returns once ready (200). */
  public Gateway gateway(URI upstream, GatewayOptions options) {
    return gateway(upstream, options, Map.of());
  }

  /** The same, with more environment (governance: a store, keys with limits and budgets). */
  public Gateway gateway(URI upstream, GatewayOptions options, Map<String, String> extraEnv) {
    int port = FreePorts.next();
    List<String> command = new ArrayList<>(List.of(tools.java().toString()));
    command.addAll(PRODUCTION_JVM_FLAGS);
    command.addAll(CONTAINER_LIMIT_FLAGS);
    command.addAll(options.extraJvmFlags());
    command.addAll(List.of("-jar", tools.proxyJar().toString()));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", Integer.toString(port));
    env.put("BEDROCK_PROXY_SERVER_HOST", "127.0.0.1");
    env.put("API_AUTH_TOKEN", GATEWAY_TOKEN);
    env.put("BEDROCK_ENDPOINT", upstream.toString());
    env.put("AWS_REGION", SimulatorConfig.DEFAULT_REGION);
    env.put("AWS_ACCESS_KEY_ID", SimulatorConfig.DEFAULT_ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
    env.put("BEDROCK_PROXY_UPSTREAM_HTTP_VERSION", options.upstreamHttpVersion());
    env.putAll(extraEnv);
    ManagedProcess process = start("gateway", command, env);
    long ready = HttpProbe.await(process, port, "/health/ready", status -> status == 200, READY_POLL, START_TIMEOUT);
    return new Gateway(process, port, ready);
  }

  /**
   * The environment of a gateway with governance on: a SQLite store in the run's directory and one key bound by
   * limits and a budget too large to refuse anything, so every request pays for the checks and the ledger.
   */
  public Map<String, String> governance() {
    String hash = java.util.HexFormat.of().formatHex(sha256(GOVERNED_KEY));
    return Map.of(
        "DATABASE_URL", "sqlite:" + directory.resolve("governance-" + (started + 1)).resolve("gateway.db"),
        "BEDROCK_PROXY_AUTH_KEYS", "[{name: governed, sha256: " + hash + ", user: bench@example.com, "
            + "budget: {usd: 1000000000, period: month}, limits: {requests_per_minute: 1000000000, "
            + "input_tokens_per_minute: 1000000000000, output_tokens_per_minute: 1000000000000, "
            + "max_concurrent: 1000000}}]");
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** nginx in front of the simulators, one port each; fails when nginx is not installed. */
  public Nginx nginx(List<Simulator> upstreams) {
    Path nginx = tools.nginx().orElseThrow(() -> new IllegalStateException("nginx is not installed"));
    Path home = directory.resolve("nginx-" + (started + 1));
    Map<Integer, Integer> simulatorByListen = new LinkedHashMap<>();
    Map<Integer, Integer> listenBySimulator = new LinkedHashMap<>();
    for (Simulator upstream : upstreams) {
      int listen = FreePorts.next();
      simulatorByListen.put(listen, upstream.port());
      listenBySimulator.put(upstream.port(), listen);
    }
    Path config = home.resolve("nginx.conf");
    try {
      Files.createDirectories(home);
      Files.writeString(config, NginxConfig.render(home, simulatorByListen));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    ManagedProcess process = start("nginx", List.of(nginx.toString(), "-p", home.toString(), "-c", config.toString(),
        "-g", "daemon off;"), Map.of());
    for (int listen : simulatorByListen.keySet()) {
      HttpProbe.await(process, listen, "/", status -> true, SIMULATOR_POLL, START_TIMEOUT);
    }
    return new Nginx(process, listenBySimulator);
  }

  /** Stops a process now (the run goes on without it). */
  public void stop(ManagedProcess process) {
    group.stop(process);
  }

  private ManagedProcess start(String name, List<String> command, Map<String, String> extraEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("LANG", "C.UTF-8");
    env.putAll(extraEnv);
    Path log = directory.resolve("%02d-%s.log".formatted(++started, name));
    return group.add(ManagedProcess.start(name, command, env, directory, log));
  }
}
