package dev.claudebedrock.proxy.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Reloading the configuration while serving: besides {@code SIGHUP} and {@code POST /admin/v1/config/reload}, the
 * configuration file and every secret given as {@code <NAME>_FILE} are watched, and a change reloads.
 *
 * @param watch whether to watch the files (a file that changes and stays changed for one interval reloads)
 * @param watchInterval how often the files are read and compared
 */
public record ReloadConfig(boolean watch, Duration watchInterval) {

  static ReloadConfig read(ConfigSection s) {
    ReloadConfig config = new ReloadConfig(s.bool("watch", true),
        s.duration("watch_interval_ms", 2_000, 100, 600_000, ChronoUnit.MILLIS));
    s.finish();
    return config;
  }
}
