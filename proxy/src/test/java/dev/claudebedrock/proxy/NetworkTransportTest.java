package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The event loops' network transport ({@code server.transport}): Netty's native epoll on Linux x86-64 by default, the
 * JDK's NIO when configured so, each seen from outside (the metric a scrape returns, a request served over a real
 * socket) and in the process (epoll's event loops each hold a timerfd, which NIO's selectors never create).
 */
class NetworkTransportTest {
  private static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"hi [[sim:tokens=3]]\"}]}";

  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
  void runsOnEpollByDefaultOnLinuxX8664() {
    Set<Integer> timerFdsBefore = timerFds();
    try (GatewayHarness harness = GatewayHarness.start()) {
      assertServes(harness);
      assertThat(transportSeries(harness)).isEqualTo("gateway_network_transport{transport=\"epoll\"} 1.0");
      Set<Integer> added = timerFds();
      added.removeAll(timerFdsBefore);
      assertThat(added).as("timerfds opened by the gateway's epoll event loops (2 configured, and the acceptor's)")
          .hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void runsOnNioWhenConfiguredSo() {
    Set<Integer> timerFdsBefore = timerFds();
    try (GatewayHarness harness = GatewayHarness.start("", Map.of("BEDROCK_PROXY_SERVER_TRANSPORT", "nio"))) {
      assertServes(harness);
      assertThat(transportSeries(harness)).isEqualTo("gateway_network_transport{transport=\"nio\"} 1.0");
      Set<Integer> added = timerFds();
      added.removeAll(timerFdsBefore);
      assertThat(added).as("NIO's selectors open no timerfd").isEmpty();
    }
  }

  @Test
  void readsTheTransportFromTheFileToo() {
    try (GatewayHarness harness = GatewayHarness.start("server: {transport: nio}", Map.of())) {
      assertThat(transportSeries(harness)).isEqualTo("gateway_network_transport{transport=\"nio\"} 1.0");
    }
  }

  private static void assertServes(GatewayHarness harness) {
    HttpResponse<String> reply = harness.post("/v1/messages", MESSAGE);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains("\"type\":\"message\"");
  }

  /** The one {@code gateway_network_transport} line of a scrape. */
  private static String transportSeries(GatewayHarness harness) {
    HttpResponse<String> scrape = harness.get("/metrics", false);
    assertThat(scrape.statusCode()).isEqualTo(200);
    return scrape.body().lines().filter(line -> line.startsWith("gateway_network_transport{"))
        .collect(Collectors.joining("\n"));
  }

  /** The process's file descriptors that are timerfds (none on a platform without /proc). */
  private static Set<Integer> timerFds() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return new java.util.HashSet<>();
    }
    try (Stream<Path> list = Files.list(fds)) {
      return list.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().equals("anon_inode:[timerfd]");
        } catch (IOException e) {
          return false; // closed since it was listed (the listing's own descriptor among them)
        }
      }).map(fd -> Integer.parseInt(fd.getFileName().toString())).collect(Collectors.toCollection(
          java.util.HashSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
