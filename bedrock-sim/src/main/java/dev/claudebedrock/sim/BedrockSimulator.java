package dev.claudebedrock.sim;

import dev.claudebedrock.sim.auth.Authenticator;
import dev.claudebedrock.sim.auth.Credentials;
import dev.claudebedrock.sim.control.ControlApi;
import dev.claudebedrock.sim.control.RecordedRequest;
import dev.claudebedrock.sim.control.RequestRecorder;
import dev.claudebedrock.sim.faults.FaultQueue;
import dev.claudebedrock.sim.http.SimulatorServices;
import dev.claudebedrock.sim.http.SimulatorVerticle;
import dev.claudebedrock.sim.models.ModelCatalog;
import dev.claudebedrock.sim.reply.PromptCache;
import dev.claudebedrock.sim.reply.ReplyEngine;
import dev.claudebedrock.sim.stream.Timing;
import dev.claudebedrock.sim.validation.BetaPolicy;
import dev.claudebedrock.sim.validation.InvokeBodyValidator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running Bedrock Runtime simulator. {@link #start} returns once it listens; {@link #close} stops it.
 * <pre>{@code
 * try (BedrockSimulator sim = BedrockSimulator.start(SimulatorConfig.builder().port(0).controlApi(true).build())) {
 *     sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
 *     // point a client at sim.baseUrl() with the SimulatorConfig.DEFAULT_* credentials
 * }
 * }</pre>
 */
public final class BedrockSimulator implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 30;

  private final SimulatorConfig config;
  private final Vertx vertx;
  private final SimulatorServices services;
  private final PromptCache promptCache;
  private final int port;

  private BedrockSimulator(SimulatorConfig config, Vertx vertx, SimulatorServices services, PromptCache promptCache,
      int port) {
    this.config = config;
    this.vertx = vertx;
    this.services = services;
    this.promptCache = promptCache;
    this.port = port;
  }

  /** Starts a simulator and returns when it is listening. */
  public static BedrockSimulator start(SimulatorConfig config) {
    Credentials credentials = new Credentials(config.accessKeyId(), config.secretAccessKey(), config.sessionToken(),
        config.apiKey(), config.region(), config.accountId());
    PromptCache promptCache = new PromptCache(System::nanoTime);
    FaultQueue faults = new FaultQueue();
    RequestRecorder recorder = new RequestRecorder(config.recordLimit());
    AtomicReference<Timing> timing = new AtomicReference<>(config.timing());
    SimulatorServices services = new SimulatorServices(
        new Authenticator(credentials, Clock.systemUTC()),
        new ModelCatalog(config.models(), config.applicationProfiles(), config.region(), config.accountId()),
        new InvokeBodyValidator(new BetaPolicy(config.acceptedBetas())),
        new ReplyEngine(promptCache), faults, recorder, timing,
        config.controlApi() ? new ControlApi(faults, recorder, timing, promptCache) : null);

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops())
        .setFileSystemOptions(
            new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false)));
    try {
      // One server per event loop, all sharing one socket. Vert.x only shares a random port when it is asked
      // for with a negative number (port 0 would give every server its own port).
      int listenPort = config.port() == 0 ? -1 : config.port();
      SimulatorVerticle first = null;
      for (int i = 0; i < config.eventLoops(); i++) {
        SimulatorVerticle verticle = new SimulatorVerticle(services, config.host(), listenPort);
        await(vertx.deployVerticle(verticle));
        first = first == null ? verticle : first;
      }
      return new BedrockSimulator(config, vertx, services, promptCache, first.actualPort());
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** The configuration it was started with. */
  public SimulatorConfig config() {
    return config;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>} (or the configured host when it is a specific one). */
  public String baseUrl() {
    String host = config.host();
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    return "http://" + (wildcard ? "127.0.0.1" : host) + ":" + port;
  }

  /** The fault scripts; same semantics as the {@code /_sim/faults} control route. */
  public FaultQueue faults() {
    return services.faults();
  }

  /** The recorded requests, in arrival order (a snapshot). */
  public List<RecordedRequest> requests() {
    return services.recorder().snapshot();
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    services.recorder().clear();
  }

  /** Blocks until {@code count} requests arrived since the last clear; throws IllegalStateException on timeout. */
  public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
    return services.recorder().await(count, timeout);
  }

  /** Blocks until a client went away before its response ended; returns the earliest such request. */
  public RecordedRequest awaitCancelled(Duration timeout) {
    return services.recorder().awaitCancelled(timeout);
  }

  /** Changes the latency model for requests arriving from now on. */
  public void timing(Duration firstByte, double tokensPerSecond) {
    services.timing().set(new Timing(firstByte, tokensPerSecond));
  }

  /** The current latency model. */
  public Timing timing() {
    return services.timing().get();
  }

  /** Forgets every cached prompt prefix. */
  public void clearPromptCache() {
    promptCache.clear();
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("bedrock-sim: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("bedrock-sim: no answer from Vert.x within " + START_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bedrock-sim: interrupted", e);
    }
  }
}
