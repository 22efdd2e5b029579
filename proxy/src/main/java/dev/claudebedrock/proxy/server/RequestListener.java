package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.Usage;
import java.util.List;

/**
 * Hears every step of a request, in the order they happen: metrics, the access log and the
 * request's record hang off it, and so can anything else that must watch requests (a spend ledger,
 * tracing) without touching a stage. Every method does nothing unless overridden.
 *
 * <p>One listener serves every request of the process: callbacks run on the request's event loop,
 * must return quickly, must not block, and keep per-request state in the {@link Exchange} (its
 * attributes or its facts), not in fields.
 */
public abstract class RequestListener {
  /** A listener that hears nothing. */
  public static final RequestListener NONE = new RequestListener() {};

  /** All of {@code listeners}, called in order. */
  public static RequestListener of(List<RequestListener> listeners) {
    return listeners.isEmpty() ? NONE : listeners.size() == 1 ? listeners.get(0) : new Composite(listeners);
  }

  /** The request arrived and was routed to a request path. */
  public void requestStart(Exchange exchange) {}

  /** Authentication let the request in as {@code identity}. */
  public void authenticated(Exchange exchange, Identity identity) {}

  /** Governance refused the request: by whom ({@code key}, {@code team}, {@code organization}) and which limit. */
  public void refused(Exchange exchange, String scope, String limit) {}

  /**
   * Admission control turned the request away: for the gateway's own load ({@code queue_full}, {@code
   * queue_timeout}, {@code body_bytes}), or because the request's key holds its cap of places ({@code
   * key_in_flight}).
   */
  public void shed(Exchange exchange, String reason) {}

  /** A route was chosen: its name, and why ({@code override}, {@code rule:<name>}, {@code model}, {@code default}). */
  public void routed(Exchange exchange, String route, String reason) {}

  /** The response cache was consulted. */
  public void cacheLookup(Exchange exchange, boolean hit) {}

  /** An upstream request is about to leave (signed). */
  public void attemptStart(Exchange exchange, Attempt attempt) {}

  /** The upstream's response headers arrived. */
  public void upstreamHeaders(Exchange exchange, Attempt attempt) {}

  /** The attempt is over: answered, refused, failed or abandoned ({@link Attempt#outcome()}). */
  public void attemptEnd(Exchange exchange, Attempt attempt) {}

  /** The next attempt goes to another target than the last. */
  public void failover(Exchange exchange, String fromTarget, String toTarget) {}

  /** A streamed response began (server-sent events, or upstream bytes passed through). */
  public void streamStart(Exchange exchange) {}

  /** The first generated content went to the client (time to first token). */
  public void firstEvent(Exchange exchange, long nanos) {}

  /** The upstream reported token usage (a stream may report several times; later fields win). */
  public void usage(Exchange exchange, Usage usage) {}

  /** The upstream said why the message ended ({@code end_turn}, {@code max_tokens}, {@code tool_use}, ...). */
  public void stopReason(Exchange exchange, String reason) {}

  /** The upstream reported an error inside a stream that had started. */
  public void upstreamStreamError(Exchange exchange, String errorType) {}

  /** The client went away before the response was complete. */
  public void clientAbort(Exchange exchange) {}

  /** The response is complete (or abandoned); the last call for this exchange. */
  public void requestEnd(Exchange exchange, long durationNanos) {}

  private static final class Composite extends RequestListener {
    private final RequestListener[] all;

    Composite(List<RequestListener> listeners) {
      this.all = listeners.toArray(RequestListener[]::new);
    }

    @Override
    public void requestStart(Exchange exchange) {
      for (RequestListener l : all) {
        l.requestStart(exchange);
      }
    }

    @Override
    public void authenticated(Exchange exchange, Identity identity) {
      for (RequestListener l : all) {
        l.authenticated(exchange, identity);
      }
    }

    @Override
    public void refused(Exchange exchange, String scope, String limit) {
      for (RequestListener l : all) {
        l.refused(exchange, scope, limit);
      }
    }

    @Override
    public void shed(Exchange exchange, String reason) {
      for (RequestListener l : all) {
        l.shed(exchange, reason);
      }
    }

    @Override
    public void routed(Exchange exchange, String route, String reason) {
      for (RequestListener l : all) {
        l.routed(exchange, route, reason);
      }
    }

    @Override
    public void cacheLookup(Exchange exchange, boolean hit) {
      for (RequestListener l : all) {
        l.cacheLookup(exchange, hit);
      }
    }

    @Override
    public void attemptStart(Exchange exchange, Attempt attempt) {
      for (RequestListener l : all) {
        l.attemptStart(exchange, attempt);
      }
    }

    @Override
    public void upstreamHeaders(Exchange exchange, Attempt attempt) {
      for (RequestListener l : all) {
        l.upstreamHeaders(exchange, attempt);
      }
    }

    @Override
    public void attemptEnd(Exchange exchange, Attempt attempt) {
      for (RequestListener l : all) {
        l.attemptEnd(exchange, attempt);
      }
    }

    @Override
    public void failover(Exchange exchange, String fromTarget, String toTarget) {
      for (RequestListener l : all) {
        l.failover(exchange, fromTarget, toTarget);
      }
    }

    @Override
    public void streamStart(Exchange exchange) {
      for (RequestListener l : all) {
        l.streamStart(exchange);
      }
    }

    @Override
    public void firstEvent(Exchange exchange, long nanos) {
      for (RequestListener l : all) {
        l.firstEvent(exchange, nanos);
      }
    }

    @Override
    public void usage(Exchange exchange, Usage usage) {
      for (RequestListener l : all) {
        l.usage(exchange, usage);
      }
    }

    @Override
    public void stopReason(Exchange exchange, String reason) {
      for (RequestListener l : all) {
        l.stopReason(exchange, reason);
      }
    }

    @Override
    public void upstreamStreamError(Exchange exchange, String errorType) {
      for (RequestListener l : all) {
        l.upstreamStreamError(exchange, errorType);
      }
    }

    @Override
    public void clientAbort(Exchange exchange) {
      for (RequestListener l : all) {
        l.clientAbort(exchange);
      }
    }

    @Override
    public void requestEnd(Exchange exchange, long durationNanos) {
      for (RequestListener l : all) {
        l.requestEnd(exchange, durationNanos);
      }
    }
  }
}
