package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.AttributeKey;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client request on its way through a {@link RequestPath}. Confined to the event loop that
 * accepted the request, so nothing here is synchronised.
 *
 * <p>Stages pass decisions to later stages as typed attributes ({@link #put}, {@link #get}); they
 * tell the {@link #listener()} what happened; and they note in {@link #facts()} what the access log
 * and metrics report. Facts are written, never read to decide anything.
 */
public final class Exchange {
  private final HttpServerRequest request;
  private final String requestId;
  private final long startNanos;
  private final String route;
  private final WireDialect dialect;
  private final RequestListener listener;
  private final RequestFacts facts = new RequestFacts();
  private final Map<AttributeKey<?>, Object> attributes = new IdentityHashMap<>(8);
  /** The event loop that accepted the request (null outside one, in unit tests). */
  private final Context context = Vertx.currentContext();
  private List<Runnable> closeListeners;
  private List<Runnable> finishListeners;
  private int bodyHolds;
  private Runnable shutdownAction;
  private boolean streaming;
  private boolean finished;
  private boolean clientClosed;

  public Exchange(HttpServerRequest request, String requestId, long startNanos, String route, WireDialect dialect,
      RequestListener listener) {
    this.request = request;
    this.requestId = requestId;
    this.startNanos = startNanos;
    this.route = route;
    this.dialect = dialect;
    this.listener = listener;
  }

  /** The client's HTTP request. */
  public HttpServerRequest request() {
    return request;
  }

  /** The {@code req_…} id sent back in the {@code request-id} header and every error body. */
  public String requestId() {
    return requestId;
  }

  /** {@link System#nanoTime()} when the request arrived. */
  public long startNanos() {
    return startNanos;
  }

  /** The route label for metrics and logs ({@code /v1/messages}, {@code bedrock}, ...). */
  public String route() {
    return route;
  }

  /** How the gateway's own answers on this route look on the wire (errors, stream framing). */
  public WireDialect dialect() {
    return dialect;
  }

  /** Hears every step of this request; stages call it as things happen. */
  public RequestListener listener() {
    return listener;
  }

  /** What the access log and the metrics report about this request; stages write, listeners read. */
  public RequestFacts facts() {
    return facts;
  }

  /** Leaves a value for later stages. */
  public <T> void put(AttributeKey<T> key, T value) {
    attributes.put(key, value);
  }

  /** A value an earlier stage left; fails loudly if the path is mis-ordered. */
  @SuppressWarnings("unchecked")
  public <T> T get(AttributeKey<T> key) {
    Object value = attributes.get(key);
    if (value == null) {
      throw new IllegalStateException(key + " is not set: a stage that provides it must run earlier in the path");
    }
    return (T) value;
  }

  /** A value an earlier stage may have left, or null. */
  @SuppressWarnings("unchecked")
  public <T> T find(AttributeKey<T> key) {
    return (T) attributes.get(key);
  }

  /** Runs a callback if the client's connection closes before the response is complete. */
  public void onClientClose(Runnable listener) {
    if (clientClosed) {
      listener.run();
      return;
    }
    if (closeListeners == null) {
      closeListeners = new ArrayList<>(2);
    }
    closeListeners.add(listener);
  }

  /**
   * Holds the request body back (the socket is paused) while a stage waits, off the event loop or for a place,
   * before the stages that read the body are in place. Holds nest: the body flows again when each is let go.
   */
  public void holdBody() {
    if (bodyHolds++ == 0) {
      request.pause();
    }
  }

  /** Lets go of one {@link #holdBody()}; call it after the later stages have attached their handlers. */
  public void releaseBody() {
    if (bodyHolds > 0 && --bodyHolds == 0) {
      request.resume();
    }
  }

  /** Runs a callback when the exchange finishes (response complete or abandoned), before the listener hears it. */
  public void onFinish(Runnable callback) {
    if (finished) {
      callback.run();
      return;
    }
    if (finishListeners == null) {
      finishListeners = new ArrayList<>(2);
    }
    finishListeners.add(callback);
  }

  /** Called by the server when the client's connection closed under an unfinished response. */
  public void clientClosed() {
    if (clientClosed || finished) {
      return;
    }
    clientClosed = true;
    facts.clientDisconnected(true);
    listener.clientAbort(this);
    if (closeListeners != null) {
      for (Runnable close : List.copyOf(closeListeners)) {
        close.run();
      }
    }
  }

  /** Whether the client went away before the response was complete. */
  public boolean isClientClosed() {
    return clientClosed;
  }

  /**
   * Sets what ends this exchange's stream, in its wire format, when the gateway stops with the stream
   * still open after the grace period; replaces the one set before (a stream's writer takes over
   * from the early pings).
   */
  public void onShutdown(Runnable action) {
    shutdownAction = action;
  }

  /** Runs the shutdown action, if any, on the exchange's event loop; safe from any thread. */
  void shutDown() {
    if (context == null) {
      runShutdownAction();
    } else {
      context.runOnContext(v -> runShutdownAction());
    }
  }

  private void runShutdownAction() {
    if (!finished && shutdownAction != null) {
      shutdownAction.run();
    }
  }

  /** Marks the response as streamed (events or bytes as they come), for as long as it lasts. */
  void streamStarted() {
    if (!streaming) {
      streaming = true;
      listener.streamStart(this);
    }
  }

  /** Whether the response is (or was) streamed. */
  public boolean streaming() {
    return streaming;
  }

  /** Marks the response complete (or abandoned); the listener hears it once. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (finishListeners != null) {
      for (Runnable callback : finishListeners) {
        callback.run();
      }
    }
    listener.requestEnd(this, System.nanoTime() - startNanos);
  }
}
