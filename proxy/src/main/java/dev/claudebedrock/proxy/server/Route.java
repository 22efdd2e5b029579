package dev.claudebedrock.proxy.server;

import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * A route: the methods it answers and the request path that serves it.
 *
 * @param pattern the path, or a prefix ending in {@code /} (matched on the raw path)
 * @param prefix whether {@code pattern} is a prefix
 * @param methods methods served; others get 405
 * @param path the request path (its name is the route's metrics label)
 * @param servedWhileDraining whether the route still serves while the gateway drains (health checks)
 */
public record Route(String pattern, boolean prefix, Set<HttpMethod> methods, RequestPath path,
    boolean servedWhileDraining) {

  /** Whether the route covers a raw path. */
  public boolean matches(String rawPath) {
    return prefix ? rawPath.startsWith(pattern) && rawPath.length() > pattern.length() : rawPath.equals(pattern);
  }
}
