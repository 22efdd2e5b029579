package dev.claudebedrock.proxy.bedrock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * AWS credentials resolved and refreshed on a thread of their own, so event loops only ever read a
 * field. The credential chain may block for seconds (SSO, STS, instance metadata); it must never
 * do so on an event loop.
 */
public final class CredentialsCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CredentialsCache.class);
  private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
  private static final Duration RECHECK_NON_EXPIRING = Duration.ofMinutes(10);
  private static final Duration MIN_DELAY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(2);

  private final String name;
  private final AwsCredentialsProvider provider;
  private final ScheduledExecutorService refresher;
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  private volatile AwsCredentials current;
  private volatile String lastError = "not resolved yet";
  private Duration retryDelay = MIN_DELAY;

  public CredentialsCache(String name, AwsCredentialsProvider provider) {
    this.name = name;
    this.provider = provider;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aws-credentials-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts resolving; the future completes after the first attempt, successful or not. */
  public CompletableFuture<Void> start() {
    refresher.execute(this::refresh);
    return firstAttempt;
  }

  /** The credentials to sign with now, or null when none could be resolved. */
  public AwsCredentials current() {
    return current;
  }

  /** Why the last resolution failed (no secrets), or empty after a success. */
  public String lastError() {
    return lastError;
  }

  /** Resolves again soon, e.g. after AWS reported the credentials expired. */
  public void refreshSoon() {
    refresher.schedule(this::refresh, 0, TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    Duration next;
    try {
      AwsCredentials credentials = provider.resolveCredentials();
      boolean first = current == null;
      current = credentials;
      lastError = "";
      retryDelay = MIN_DELAY;
      next = credentials.expirationTime()
          .map(expiry -> Duration.between(Instant.now(), expiry).minus(REFRESH_BEFORE_EXPIRY))
          .orElse(RECHECK_NON_EXPIRING);
      if (first) {
        log.info("AWS credentials for {} resolved: access key {}", name, maskedKeyId(credentials));
      }
    } catch (RuntimeException e) {
      lastError = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
      log.warn("AWS credentials for {} could not be resolved; retrying in {} s: {}", name, retryDelay.toSeconds(),
          lastError);
      next = retryDelay;
      retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
    }
    firstAttempt.complete(null);
    if (next.compareTo(MIN_DELAY) < 0) {
      next = MIN_DELAY;
    }
    if (!refresher.isShutdown()) {
      refresher.schedule(this::refresh, next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** An access key id shortened to its first four and last four characters. */
  static String maskedKeyId(AwsCredentials credentials) {
    String id = credentials.accessKeyId();
    return id.length() <= 8 ? "****" : id.substring(0, 4) + "…" + id.substring(id.length() - 4);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
