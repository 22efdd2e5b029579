package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.config.ServerConfig;
import io.vertx.core.transport.Transport;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network transport the event loops run on, chosen once at start-up from {@code server.transport}: Netty's native
 * transport for the platform when its library loads (the gateway's jar carries epoll's for Linux x86-64), the JDK's NIO
 * otherwise. When {@code auto} cannot have the native transport, one log line says why (no library for the platform,
 * or the library failed to load, with the loader's reason) and the gateway runs on NIO.
 *
 * @param vertx the transport handed to Vert.x
 * @param name its name in the start-up line and in {@code gateway_network_transport}: {@code epoll}, {@code nio}
 */
record NetworkTransport(Transport vertx, String name) {
  private static final Logger log = LoggerFactory.getLogger(NetworkTransport.class);

  /** Whether this is a native transport (anything but NIO). */
  boolean isNative() { return vertx != Transport.NIO; }

  /** The transport {@code server.transport} asks for, on this platform. */
  static NetworkTransport choose(ServerConfig.Transport configured) {
    if (configured == ServerConfig.Transport.NIO) {
      return nio();
    }
    Transport preferred = Transport.nativeTransport();
    if (preferred == null) {
      log.info("No native network transport for {} {}; the event loops use Java NIO",
          System.getProperty("os.name"), System.getProperty("os.arch"));
      return nio();
    }
    if (!preferred.available()) {
      log.warn("The native network transport {} did not load ({}); the event loops use Java NIO. "
          + "server.transport: nio says this is intended", preferred.name(), reason(preferred.unavailabilityCause()));
      return nio();
    }
    return new NetworkTransport(preferred, preferred.name().toLowerCase(Locale.ROOT));
  }

  private static NetworkTransport nio() {
    return new NetworkTransport(Transport.NIO, "nio");
  }

  /** The failure and its deepest cause, where the loader's own words (a missing file, a library not found) are. */
  private static String reason(Throwable failure) {
    if (failure == null) {
      return "no reason given";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? failure.toString() : failure + "; caused by " + root;
  }
}
