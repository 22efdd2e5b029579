package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.testing.ExternalTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test: a throw-away cluster ({@code initdb}) in a temporary folder,
 * listening on a free loopback port, run as {@code nobody} when the test runs as root (Postgres
 * refuses root). Debian's {@code postgresql} package provides the binaries.
 */
public final class PostgresServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private PostgresServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts a cluster whose superuser {@code gateway} connects without a password from loopback. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Path bin = binaries().orElse(null);
    if (bin == null) {
      ExternalTools.require("initdb", "postgresql");
      throw new IllegalStateException("unreachable: initdb is on the PATH but not under /usr/lib/postgresql");
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path dir = Files.createTempDirectory("postgres-");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "nobody", dir.toString()));
    }
    Path data = dir.resolve("data");
    run(asUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "gateway",
        "--auth=trust", "-E", "UTF8", "--no-sync")));
    Process process = new ProcessBuilder(asUser(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
        "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir,
        "-c", "fsync=off", "-c", "max_connections=100")))
        .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
    PostgresServer server = new PostgresServer(process, port, dir);
    server.awaitListening(Duration.ofSeconds(30));
    return server;
  }

  /** {@code postgres://gateway@127.0.0.1:PORT/postgres}, as {@code DATABASE_URL} takes it. */
  public String url() {
    return "postgres://gateway@127.0.0.1:" + port + "/postgres";
  }

  private static Optional<Path> binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(Path::toString));
    }
  }

  private static List<String> asUser(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private void awaitListening(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        Thread.sleep(200);   // the port opens a moment before the server accepts logins
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException("postgres exited:\n" + Files.readString(dir.resolve("postgres.log")));
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("postgres did not listen on port " + port);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
