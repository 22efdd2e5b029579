package dev.claudebedrock.proxy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Alertmanager webhook receiver on loopback: records every notification it is sent, with the
 * receiver's name (the request path) and the time it arrived.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One alert of a notification: its status ({@code firing} or {@code resolved}) and labels. */
  record Alert(String status, Map<String, String> labels) {
    String name() {
      return labels.getOrDefault("alertname", "");
    }
  }

  /** One notification Alertmanager delivered. */
  record Notification(Instant received, String receiver, List<Alert> alerts) {}

  private final HttpServer server;
  private final List<Notification> notifications = new ArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext("/", receiver::handle);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL a receiver of the Alertmanager configuration posts to. */
  String url(String receiver) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + receiver;
  }

  /** Every notification so far, oldest first. */
  synchronized List<Notification> notifications() {
    return List.copyOf(notifications);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Instant received = Instant.now();
    try (exchange) {
      JsonNode body = DeployFiles.JSON.readTree(exchange.getRequestBody());
      List<Alert> alerts = new ArrayList<>();
      for (JsonNode alert : body.path("alerts")) {
        Map<String, String> labels = new TreeMap<>();
        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        alerts.add(new Alert(alert.path("status").asText(), labels));
      }
      synchronized (this) {
        notifications
            .add(new Notification(received, exchange.getRequestURI().getPath().substring(1), List.copyOf(alerts)));
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
