package dev.claudebedrock.proxy.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Real programs some tests drive (a Redis server, ...). Where one is missing the test is skipped,
 * visibly; with {@code REQUIRE_TOOLS=1} (as CI sets it, having installed them) it fails instead.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** The program's path, or a skipped (or, under CI, failed) test. */
  public static Path require(String program, String debianPackage) {
    Optional<Path> found = find(program);
    if (found.isEmpty()) {
      String why = program + " is not installed (apt-get install " + debianPackage + ")";
      if ("1".equals(System.getenv("REQUIRE_TOOLS"))) {
        throw new AssertionError(why + ", and REQUIRE_TOOLS=1 says it must be");
      }
      Assumptions.abort(why);
    }
    return found.get();
  }

  public static Optional<Path> find(String program) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/usr/local/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.of(Path.of(dir, program));
      }
    }
    return Optional.empty();
  }
}
