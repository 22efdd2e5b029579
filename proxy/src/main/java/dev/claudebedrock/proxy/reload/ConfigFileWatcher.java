package dev.claudebedrock.proxy.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the configuration file and the secrets' files by reading them every interval, on a thread of its own:
 * a change that stays for one more interval (an editor's or Kubernetes' write is over) reloads. Reading the
 * contents rather than waiting for file-system events sees every kind of change alike: an edit in place, a file
 * replaced by a rename, a Kubernetes ConfigMap or Secret volume swapping its symbolic links.
 */
public final class ConfigFileWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigFileWatcher.class);

  private final List<Path> files;
  private final Reloader reloader;
  private final ScheduledExecutorService thread;
  private List<byte[]> applied;
  private List<byte[]> pending;

  /** Starts watching; the contents now are taken as those of the running configuration. */
  public ConfigFileWatcher(List<Path> files, Duration interval, Reloader reloader) {
    this.files = List.copyOf(files);
    this.reloader = reloader;
    this.applied = digests();
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "config-watch");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The files watched. */
  public List<Path> files() {
    return files;
  }

  /** Takes the files' contents now as the running configuration's (a reload is about to read them). */
  public synchronized void baseline() {
    applied = digests();
    pending = null;
  }

  private void check() {
    List<byte[]> now;
    synchronized (this) {
      now = digests();
      if (same(now, applied)) {
        pending = null;
        return;
      }
      if (pending == null || !same(now, pending)) {
        pending = now;
        return;
      }
    }
    try {
      reloader.reload("file");
    } catch (RuntimeException e) {
      log.error("Reloading the configuration after a file changed failed: {}", e.toString());
    }
  }

  private List<byte[]> digests() {
    List<byte[]> digests = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        digests.add(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
      } catch (IOException e) {
        digests.add(new byte[0]);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return digests;
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
