package dev.claudebedrock.bench.overload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Asks {@code /health/ready} at a fixed interval on a thread of its own and remembers every answer's time. */
final class ReadinessPoller implements AutoCloseable {
  /** How many polls fell in a window and how many of those said 503 (or did not answer). */
  record Window(int checks, int notReady) {}

  private record Sample(long nanos, boolean ready) {}

  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;

  private ReadinessPoller(URI gateway, Duration interval) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/health/ready")).timeout(Duration.ofSeconds(2))
        .build();
    thread = Thread.ofPlatform().name("readiness-poller").daemon().unstarted(() -> {
      while (!stopped) {
        boolean ready;
        try {
          ready = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
          ready = false;
        } catch (InterruptedException e) {
          return;
        }
        synchronized (samples) {
          samples.add(new Sample(System.nanoTime(), ready));
        }
        try {
          Thread.sleep(interval);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  static ReadinessPoller start(URI gateway, Duration interval) {
    ReadinessPoller poller = new ReadinessPoller(gateway, interval);
    poller.thread.start();
    return poller;
  }

  /** The polls answered between two {@link System#nanoTime()} instants. */
  Window between(long fromNanos, long toNanos) {
    int checks = 0;
    int notReady = 0;
    synchronized (samples) {
      for (Sample sample : samples) {
        if (sample.nanos >= fromNanos && sample.nanos <= toNanos) {
          checks++;
          notReady += sample.ready ? 0 : 1;
        }
      }
    }
    return new Window(checks, notReady);
  }

  /** From {@code nanos} to the first answer 200 after it (zero when the first one after it was ready). */
  Duration firstReadyAfter(long nanos) {
    synchronized (samples) {
      for (Sample sample : samples) {
        if (sample.nanos >= nanos && sample.ready) {
          return Duration.ofNanos(sample.nanos - nanos);
        }
      }
    }
    return Duration.ofNanos(-1);
  }

  /** Stops polling; the thread ends within one request timeout. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
