package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.AttributeKey;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client request on its way through a {@link RequestPath}. Confined to the event loop that
 * accepted the request, so nothing here is synchronised.
 */
public final class Exchange {
  private final HttpServerRequest request;
  private final String requestId;
  private final long startNanos;
  private final String route;
  private final WireDialect dialect;
  private final RequestFacts facts = new RequestFacts();
  private final Map<AttributeKey<?>, Object> attributes = new IdentityHashMap<>(8);
  private final List<Consumer<Exchange>> finishListeners = new ArrayList<>(2);
  private List<Runnable> closeListeners;
  private boolean finished;
  private boolean clientClosed;

  public Exchange(HttpServerRequest request, String requestId, long startNanos, String route, WireDialect dialect) {
    this.request = request;
    this.requestId = requestId;
    this.startNanos = startNanos;
    this.route = route;
    this.dialect = dialect;
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

  /** What the access log and the metrics report about this request; stages fill it in. */
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

  /** Called by the server when the client's connection closed under an unfinished response. */
  public void clientClosed() {
    if (clientClosed || finished) {
      return;
    }
    clientClosed = true;
    facts.clientDisconnected(true);
    if (closeListeners != null) {
      for (Runnable listener : List.copyOf(closeListeners)) {
        listener.run();
      }
    }
  }

  /** Whether the client went away before the response was complete. */
  public boolean isClientClosed() {
    return clientClosed;
  }

  /** Runs a callback once the response is complete (or abandoned). */
  public void onFinish(Consumer<Exchange> listener) {
    finishListeners.add(listener);
  }

  /** Marks the response complete; listeners run once. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    for (Consumer<Exchange> listener : finishListeners) {
      listener.accept(this);
    }
  }
}
