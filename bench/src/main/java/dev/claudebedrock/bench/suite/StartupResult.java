package dev.claudebedrock.bench.suite;

import java.time.Duration;
import java.util.List;

/**
 * Gateway start-up, from process start to the first 200 from {@code /health/ready}.
 *
 * @param plain each launch with the production flags
 * @param aot each launch with a JDK AOT cache trained beforehand (empty when the JDK has none)
 * @param aotNote why there are no AOT figures, or empty
 * @param idleRssBytes resident memory after start, a few requests and some idle time
 */
public record StartupResult(List<Duration> plain, List<Duration> aot, String aotNote, long idleRssBytes) {
  public StartupResult {
    plain = List.copyOf(plain);
    aot = List.copyOf(aot);
  }

  /** The median of launch times (the upper one of an even count). */
  public static Duration median(List<Duration> launches) {
    return launches.stream().sorted().toList().get(launches.size() / 2);
  }

  public static Duration fastest(List<Duration> launches) {
    return launches.stream().min(Duration::compareTo).orElseThrow();
  }
}
