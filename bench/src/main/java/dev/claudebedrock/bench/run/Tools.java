package dev.claudebedrock.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The programs a run starts: the JDK's java, the gateway and simulator jars, and nginx when installed. */
public record Tools(Path java, Path proxyJar, Path simulatorJar, Optional<Path> nginx) {
  public Tools {
    for (Path jar : new Path[] {proxyJar, simulatorJar}) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(jar + " is missing: build it first (./mvnw -B package -DskipTests)");
      }
    }
    if (!Files.isExecutable(java)) {
      throw new IllegalArgumentException(java + " is not an executable java");
    }
  }

  /** The java running this JVM, the jars built under {@code repository}, nginx from the PATH (or /usr/sbin). */
  public static Tools find(Path repository) {
    Path root = repository.toAbsolutePath().normalize();
    return new Tools(Path.of(System.getProperty("java.home"), "bin", "java"),
        root.resolve("proxy/target/claude-bedrock-proxy.jar"),
        root.resolve("bedrock-sim/target/bedrock-sim.jar"), findProgram("nginx"));
  }

  /** The same without nginx (the baseline column is left out). */
  public Tools withoutNginx() {
    return new Tools(java, proxyJar, simulatorJar, Optional.empty());
  }

  /** A program on the PATH or in the usual system directories. */
  public static Optional<Path> findProgram(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }
}
