package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.bedrock.BedrockHttpClient;
import dev.claudebedrock.proxy.config.ConfigSource;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.reload.ReloadOutcome;
import dev.claudebedrock.proxy.server.InFlightRequests;
import dev.claudebedrock.proxy.server.UnhandledExceptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running gateway: starts the event loops and stops them gracefully. */
public final class ProxyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);
  /** How long streams get, after the grace period, to write their ending before the event loops stop. */
  private static final long STREAM_ENDING_NANOS = 2_000_000_000L;

  private final LongLivedState state;
  private final ConfigReload reload;
  private final Vertx vertx;
  private final int port;
  private final List<ProxyVerticle> verticles;

  private ProxyServer(LongLivedState state, ConfigReload reload, Vertx vertx, int port, List<ProxyVerticle> verticles) {
    this.state = state;
    this.reload = reload;
    this.vertx = vertx;
    this.port = port;
    this.verticles = List.copyOf(verticles);
  }

  /**
   * Starts the gateway with a configuration built in code; a reload reads the same configuration again (and the
   * environment's secret files).
   */
  public static ProxyServer start(ProxyConfig config, Environment env) {
    return start(config, ConfigSource.fixed(config, env));
  }

  /** Starts the gateway from where its configuration comes from, which a reload reads again. */
  public static ProxyServer start(ConfigSource source) {
    return start(source.load(), source);
  }

  /** Starts the gateway and returns once it listens (credentials are resolved before the first request). */
  private static ProxyServer start(ProxyConfig config, ConfigSource source) {
    Environment env = source.environment();
    long started = System.nanoTime();
    int loops = config.server().effectiveEventLoops();
    NetworkTransport transport = NetworkTransport.choose(config.server().transport());
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(transport.isNative()))
        .withTransport(transport.vertx())
        .build();
    vertx.exceptionHandler(UnhandledExceptions::report);
    LongLivedState state = null;
    ConfigReload reload = null;
    try {
      state = new LongLivedState(config, env, vertx);
      state.metrics().networkTransport(transport.name());
      state.start().get(60, TimeUnit.SECONDS);
      reload = new ConfigReload(source, state, config);
      RequestPaths paths = reload.current();
      // Vert.x shares one socket among the servers of all event loops; a random port is shared only
      // when asked for with a negative number (0 would give every event loop a port of its own).
      int listenPort = config.server().port() == 0 ? -1 : config.server().port();
      LongLivedState shared = state;
      // Vert.x hands out event loops round robin, to new verticles and new HTTP clients alike: the
      // clients are made first and the verticles deployed in one go, so each verticle gets a loop of
      // its own. (Made inside start(), a client took the next loop and two verticles shared one.)
      List<BedrockHttpClient> clients = new ArrayList<>();
      for (int i = 0; i < loops; i++) {
        clients.add(new BedrockHttpClient(vertx, config.upstream(), loops, config.admission().maxInFlight()));
      }
      Iterator<BedrockHttpClient> unused = clients.iterator();
      List<ProxyVerticle> verticles = new CopyOnWriteArrayList<>();
      vertx.deployVerticle(() -> {
        ProxyVerticle verticle = new ProxyVerticle(shared, paths, listenPort, unused.next());
        verticles.add(verticle);
        return verticle;
      }, new DeploymentOptions().setInstances(loops)).await();
      int port = verticles.get(0).actualPort();
      reload.serve(verticles);
      ProxyServer server = new ProxyServer(state, reload, vertx, port, verticles);
      log.info("Started proxy server", StructuredArguments.entries(Map.of(
          "port", port,
          "region", config.aws().region(),
          "endpoint", config.aws().endpoint().url(),
          "control_plane_endpoint", config.aws().controlPlaneEndpoint().url(),
          "upstream_auth", state.targets().defaultTarget().auth().describe(),
          "targets", state.targets().all().size(),
          "event_loops", loops,
          "transport", transport.name(),
          "models", paths.catalog().served().size(),
          "startup_ms", (System.nanoTime() - started) / 1_000_000)));
      return server;
    } catch (Exception e) {
      vertx.close();
      if (reload != null) {
        reload.close();
      }
      if (state != null) {
        state.close();
      }
      throw new IllegalStateException("The gateway could not start: " + e.getMessage(), e);
    }
  }

  /** The port the gateway listens on. */
  public int port() {
    return port;
  }

  /** Reads the configuration again and serves it if it is valid; says what is wrong otherwise. Blocks. */
  public ReloadOutcome reload(String trigger) {
    return reload.reload(trigger);
  }

  /** How long a shutdown lets requests in flight finish, as the running configuration says. */
  public Duration shutdownGrace() {
    return reload.current().config().server().shutdownGrace();
  }

  /** The event-loop threads serving requests, one per configured loop when all is well. */
  List<String> servingThreads() {
    return verticles.stream().map(ProxyVerticle::thread).toList();
  }

  /**
   * Drains and stops: health reports {@code draining} at once, new work is turned away with 529,
   * requests in flight (streams included) get up to {@code grace} to finish; streams still open then
   * end with a retryable {@code overloaded_error} saying the gateway is shutting down (an error event, an
   * exception frame), and everything closes.
   */
  public void shutdown(Duration grace) {
    state.health().startDraining();
    InFlightRequests inFlight = state.inFlight();
    log.info("Draining: {} requests in flight, up to {} s to finish", inFlight.count(), grace.toSeconds());
    awaitFinished(inFlight, System.nanoTime() + grace.toNanos());
    if (inFlight.count() > 0) {
      log.warn("Grace period over: ending {} requests still in flight; streams end with overloaded_error",
          inFlight.count());
      inFlight.endStreams();
      awaitFinished(inFlight, System.nanoTime() + STREAM_ENDING_NANOS);
    }
    close();
  }

  private static void awaitFinished(InFlightRequests inFlight, long deadlineNanos) {
    while (inFlight.count() > 0 && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    reload.close();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Event loops did not stop cleanly: {}", e.toString());
    } finally {
      state.close();
    }
  }
}
