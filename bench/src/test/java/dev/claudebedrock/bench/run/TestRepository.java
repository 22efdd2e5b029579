package dev.claudebedrock.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository around the bench module, and the jars the reactor built before the bench's tests run. */
public final class TestRepository {
  private TestRepository() {}

  /** The repository root: the parent of the module directory Maven runs the tests in. */
  public static Path root() {
    Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    Path root = module.getParent();
    if (root == null || !Files.isRegularFile(root.resolve("Dockerfile"))) {
      throw new IllegalStateException("the bench tests run in bench/ of the repository; the working directory is "
          + module);
    }
    return root;
  }

  /** The tools for a run; fails with what to do when the gateway or simulator jar has not been built. */
  public static Tools tools() {
    try {
      return Tools.find(root());
    } catch (IllegalArgumentException missingJar) {
      throw new IllegalStateException(missingJar.getMessage() + ". The bench tests start the real gateway and "
          + "simulator: run them from the root (./mvnw -B verify), where the reactor packages both first.",
          missingJar);
    }
  }
}
