package dev.claudebedrock.proxy.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one event loop's client connections from holding file descriptors for nothing: a new connection must
 * deliver its first request's headers within the header-read timeout, a connection with no request in progress
 * is closed after the idle timeout, and past the gateway-wide connection limit the oldest connection without a
 * request in progress is closed to make room (or, when every connection is busy, the new one is). Health probes
 * therefore keep getting through a flood of silent connections.
 *
 * <p>A request in progress is never cut by these timeouts: its body, its upstream call and its stream have
 * timeouts of their own. After one request, a keep-alive connection has the idle timeout (not the shorter
 * header-read timeout) to deliver the next request's headers. Confined to its event loop; the limit is shared
 * through {@link ConnectionBudget}.
 */
public final class ConnectionGuard implements AutoCloseable {
  /** Why the guard closed a connection: the {@code reason} label of the metric (a closed set). */
  public enum Closed {
    /** No complete request headers within the header-read timeout of a new connection. */
    HEADER_TIMEOUT("header_timeout"),
    /** No request within the idle timeout after the last response. */
    IDLE_TIMEOUT("idle_timeout"),
    /** Closed to make room for a new connection at the limit (the oldest without a request in progress). */
    EVICTED("evicted"),
    /** A new connection at the limit while every open one had a request in progress. */
    REFUSED("refused");

    private final String label;

    Closed(String label) {
      this.label = label;
    }

    /** The metric label value. */
    public String label() {
      return label;
    }
  }

  /** Hears what the guard does, for metrics; called on the event loop. */
  public interface Events {
    /** The guard closed a connection. */
    void closed(Closed reason);
  }

  private final Vertx vertx;
  private final long headerReadNanos;
  private final long idleNanos;
  private final ConnectionBudget budget;
  private final Events events;
  // In order of arrival: the first one without a request in progress is the one to evict.
  private final Map<HttpConnection, Tracked> connections = new LinkedHashMap<>();
  private final long sweeper;

  /**
   * @param budget the connection limit shared by every event loop
   * @param events told of every connection the guard closes
   */
  public ConnectionGuard(Vertx vertx, Duration headerReadTimeout, Duration idleTimeout, ConnectionBudget budget,
      Events events) {
    this.vertx = vertx;
    this.headerReadNanos = headerReadTimeout.toNanos();
    this.idleNanos = idleTimeout.toNanos();
    this.budget = budget;
    this.events = events;
    long tickMs = Math.clamp(Math.min(headerReadTimeout.toMillis(), idleTimeout.toMillis()) / 5, 20, 1_000);
    this.sweeper = vertx.setPeriodic(tickMs, id -> sweep());
  }

  /** A new client connection (the server's connection handler): admitted, or closed at once at the limit. */
  public void accept(HttpConnection connection) {
    if (!budget.tryAcquire() && !evictOldestIdle()) {
      events.closed(Closed.REFUSED);
      connection.close();
      return;
    }
    Tracked tracked = new Tracked(System.nanoTime());
    connections.put(connection, tracked);
    connection.closeHandler(v -> {
      Tracked gone = connections.remove(connection);
      if (gone != null) {
        budget.release();
      }
    });
  }

  /** A request whose headers arrived on one of the guarded connections; it holds the connection until answered. */
  public void requestStarted(HttpServerRequest request) {
    Tracked tracked = connections.get(request.connection());
    if (tracked == null) {
      return;
    }
    HttpServerResponse response = request.response();
    tracked.sawRequest = true;
    tracked.inProgress.add(response);
    response.bodyEndHandler(v -> {
      if (tracked.inProgress.remove(response) && tracked.inProgress.isEmpty()) {
        tracked.idleSince = System.nanoTime();
      }
    });
  }

  /** Connections this event loop holds now. */
  public int open() {
    return connections.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    List<HttpConnection> expired = new ArrayList<>();
    for (Map.Entry<HttpConnection, Tracked> entry : connections.entrySet()) {
      Tracked tracked = entry.getValue();
      if (tracked.busy(now)) {
        continue;
      }
      long limit = tracked.sawRequest ? idleNanos : headerReadNanos;
      if (now - tracked.idleSince >= limit) {
        expired.add(entry.getKey());
      }
    }
    for (HttpConnection connection : expired) {
      Tracked tracked = connections.remove(connection);
      budget.release();
      events.closed(tracked.sawRequest ? Closed.IDLE_TIMEOUT : Closed.HEADER_TIMEOUT);
      connection.close();
    }
  }

  /** Closes the oldest connection without a request in progress and hands its place over; false if there is none. */
  private boolean evictOldestIdle() {
    long now = System.nanoTime();
    Iterator<Map.Entry<HttpConnection, Tracked>> it = connections.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<HttpConnection, Tracked> entry = it.next();
      if (!entry.getValue().busy(now)) {
        it.remove();
        events.closed(Closed.EVICTED);
        entry.getKey().close();
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    vertx.cancelTimer(sweeper);
  }

  /** One connection's state. */
  private static final class Tracked {
    final List<HttpServerResponse> inProgress = new ArrayList<>(1);
    long idleSince;
    boolean sawRequest;

    Tracked(long acceptedNanos) {
      this.idleSince = acceptedNanos;
    }

    /**
     * Whether a request is in progress. A response that ended without its body's end being seen (a reset HTTP/2
     * stream, a closed connection) no longer counts; the connection is idle from now.
     */
    boolean busy(long now) {
      if (inProgress.isEmpty()) {
        return false;
      }
      inProgress.removeIf(r -> r.ended() || r.closed());
      if (inProgress.isEmpty()) {
        idleSince = now;
        return false;
      }
      return true;
    }
  }
}
