package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.config.ConfigException;
import dev.claudebedrock.proxy.config.ConfigSource;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.config.RestartOnlyKeys;
import dev.claudebedrock.proxy.observability.LogSetup;
import dev.claudebedrock.proxy.reload.ConfigFileWatcher;
import dev.claudebedrock.proxy.reload.ReloadOutcome;
import dev.claudebedrock.proxy.reload.Reloader;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration while the gateway serves (ARCHITECTURE.md, "What outlives a configuration"): reads
 * and validates it completely, refuses it when it changes a key only a restart can, builds new request paths from
 * it and the same long-lived state, adjusts that state (keys, teams, prices, model labels, rotated Bedrock API
 * keys, log levels), then swaps every event loop's routes at once. Requests and streams in flight finish on the
 * paths they started on. A configuration that fails any step changes nothing.
 */
final class ConfigReload implements Reloader, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  private final ConfigSource source;
  private final LongLivedState state;
  private volatile RequestPaths current;
  private volatile ReloadOutcome last;
  private List<ProxyVerticle> verticles = List.of();
  private ConfigFileWatcher watcher;

  ConfigReload(ConfigSource source, LongLivedState state, ProxyConfig config) {
    this.source = source;
    this.state = state;
    this.current = new RequestPaths(config, state, this);
    this.last = ReloadOutcome.applied("start", config.source());
  }

  /** The request paths serving now. */
  RequestPaths current() {
    return current;
  }

  /** Starts swapping these event loops' routes, and watching the files when the configuration says so. */
  void serve(List<ProxyVerticle> loops) {
    this.verticles = List.copyOf(loops);
    ProxyConfig config = current.config();
    List<java.nio.file.Path> files = source.watchedFiles();
    if (config.reload().watch() && !files.isEmpty()) {
      watcher = new ConfigFileWatcher(files, config.reload().watchInterval(), this);
      log.info("Watching {} for changes (every {} ms)", files, config.reload().watchInterval().toMillis());
    }
  }

  @Override
  public synchronized ReloadOutcome reload(String trigger) {
    if (watcher != null) {
      watcher.baseline();
    }
    ProxyConfig running = current.config();
    ReloadOutcome outcome;
    try {
      ProxyConfig next = source.load();
      List<String> restartOnly = RestartOnlyKeys.changed(running, next);
      if (!restartOnly.isEmpty()) {
        outcome = ReloadOutcome.refused(trigger, next.source(), "it changes " + String.join(", ", restartOnly)
            + ", which only a restart can change.", restartOnly);
      } else {
        apply(next);
        outcome = ReloadOutcome.applied(trigger, next.source());
      }
    } catch (ConfigException e) {
      outcome = ReloadOutcome.refused(trigger, running.source(), e.getMessage(), List.of());
    } catch (RuntimeException e) {
      log.warn("Reloading the configuration failed", e);
      outcome = ReloadOutcome.refused(trigger, running.source(), "it could not be applied: " + e.getMessage(),
          List.of());
    }
    last = outcome;
    state.metrics().configReload(outcome.success());
    if (outcome.success()) {
      log.info("Configuration reloaded", StructuredArguments.entries(java.util.Map.of("trigger", trigger,
          "source", outcome.source())));
    } else {
      log.error("Configuration not reloaded ({}): {} The running configuration keeps serving.", trigger,
          outcome.message());
    }
    return outcome;
  }

  /** Builds everything from {@code next} first, so that a failure leaves the running configuration whole. */
  private void apply(ProxyConfig next) {
    RequestPaths paths = new RequestPaths(next, state, this);
    state.reconfigure(next);
    List<Future<Void>> swapped = verticles.stream().map(v -> v.swap(paths)).toList();
    try {
      // Not Future.await: a reload runs on a worker thread (the admin endpoint's) or a thread of its own.
      Future.all(swapped).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the event loops took the new routes", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the event loops did not take the new routes: " + e.getMessage(), e);
    }
    current = paths;
    LogSetup.apply(next.logging());
  }

  @Override
  public ReloadOutcome last() {
    return last;
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
  }
}
