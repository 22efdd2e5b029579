package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.fail;

import dev.claudebedrock.proxy.testing.ExternalTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Docker Compose v2 ({@code docker compose}), which reads compose files against the Compose
 * Specification and its own rules without needing a Docker engine. Where it is missing the tests
 * that use it are skipped, with the reason; with {@code REQUIRE_TOOLS=1} (CI installs it, see
 * scripts/lib/docker.sh) they fail instead.
 */
final class ComposeCli {
  private final Path docker;

  private ComposeCli(Path docker) {
    this.docker = docker;
  }

  /** The installed Compose, or a skipped (under CI, failed) test. */
  static ComposeCli require() {
    String missing = "Docker Compose v2 is not installed (docker.io and docker-compose; scripts/lib/docker.sh"
        + " installs them)";
    Path docker = ExternalTools.find("docker").orElse(null);
    if (docker != null
        && DeployFiles.run(List.of(docker.toString(), "compose", "version"), DeployFiles.root()).exit() == 0) {
      return new ComposeCli(docker);
    }
    if ("1".equals(System.getenv("REQUIRE_TOOLS"))) {
      fail(missing + ", and REQUIRE_TOOLS=1 says it must be");
    }
    Assumptions.abort(missing);
    throw new AssertionError("unreachable");
  }

  /** {@code docker compose -f FILE config --quiet}: exit 0 when Compose accepts the file. */
  DeployFiles.Result config(Path file) {
    return DeployFiles.run(List.of(docker.toString(), "compose", "-f", file.toString(), "config", "--quiet"),
        file.toAbsolutePath().getParent());
  }
}
