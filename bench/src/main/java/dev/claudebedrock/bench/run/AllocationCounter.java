package dev.claudebedrock.bench.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The heap bytes a gateway has allocated since it started, read from its own {@code /metrics}
 * ({@code jvm_allocated_bytes_total}, every thread's allocation as the JVM counts it): exact at any moment, unlike
 * counts taken at garbage collections. Reading it allocates in the gateway too (the scrape's text), so
 * {@link #start} reads twice and {@link Reading#bytesSince} subtracts what one reading cost.
 */
public final class AllocationCounter {
  /** The series' name in the Prometheus text. */
  static final String SERIES = "jvm_allocated_bytes_total";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private AllocationCounter() {}

  /** What one reading cost, then the counter: the start of a measured stretch; empty when there is no counter. */
  public static java.util.Optional<Reading> start(URI gateway) {
    OptionalLong first = read(gateway);
    OptionalLong second = first.isPresent() ? read(gateway) : OptionalLong.empty();
    if (second.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Reading(gateway, second.getAsLong(), second.getAsLong() - first.getAsLong()));
  }

  /** The counter's value, or empty when the address does not serve it (nginx, the simulator, a stopped gateway). */
  static OptionalLong read(URI gateway) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/metrics")).timeout(TIMEOUT)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? parse(response.body()) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /** The series' value in a Prometheus text exposition. */
  static OptionalLong parse(String exposition) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(SERIES + " ") || line.startsWith(SERIES + "{")) {
        return OptionalLong.of((long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return OptionalLong.empty();
  }

  /** The counter at the start of a stretch, and what reading it once allocates. */
  public record Reading(URI gateway, long bytes, long readingCost) {
    /** Bytes allocated since this reading, less one reading's own cost; empty when the counter is gone. */
    public OptionalLong bytesSince() {
      OptionalLong now = read(gateway);
      return now.isPresent() ? OptionalLong.of(Math.max(0, now.getAsLong() - bytes - readingCost)) : now;
    }
  }
}
