package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.stream.Collectors;

/** The route table: exact paths first, then prefixes, in the order given. */
public final class Routes {
  /** The route label of requests turned away while the gateway drains. */
  public static final String DRAINING = "draining";

  private final List<Route> routes;
  private final RequestPath notFound;
  private final RequestPath draining;

  /**
   * @param routes the routes
   * @param dialect how the 404 / 405 answers look (a request while draining gets its route's dialect)
   */
  public Routes(List<Route> routes, WireDialect dialect) {
    this.routes = List.copyOf(routes);
    this.notFound = new RequestPath("unmatched", dialect,
        List.of(chain -> Future.failedFuture(unmatched(chain.exchange()).exception())));
    this.draining = new RequestPath(DRAINING, dialect, List.of(chain -> {
      ConnectionClose.afterResponse(chain.exchange());
      return Future.failedFuture(ApiError.of(ErrorType.OVERLOADED, "The gateway is shutting down; retry the request")
          .withHeader("retry-after", "1").exception());
    }));
  }

  /** The route for a request, or null when none covers its path and method. */
  public Route match(HttpMethod method, String rawPath) {
    for (Route route : routes) {
      if (route.matches(rawPath) && route.methods().contains(method)) {
        return route;
      }
    }
    return null;
  }

  /** The path that turns requests away while the gateway shuts down (529, retry elsewhere). */
  public RequestPath drainingPath() {
    return draining;
  }

  /** The path that answers requests no route serves (404, or 405 with {@code allow}). */
  public RequestPath unmatchedPath() {
    return notFound;
  }

  private ApiError unmatched(Exchange exchange) {
    String rawPath = exchange.request().path();
    List<Route> byPath = routes.stream().filter(r -> r.matches(rawPath)).toList();
    if (!byPath.isEmpty()) {
      String allowed = byPath.stream().flatMap(r -> r.methods().stream()).map(HttpMethod::name).distinct().sorted()
          .collect(Collectors.joining(", "));
      return new ApiError(ErrorType.INVALID_REQUEST, 405,
          "Method " + exchange.request().method().name() + " is not allowed on " + rawPath + "; use " + allowed,
          java.util.Map.of("allow", allowed));
    }
    return ApiError.of(ErrorType.NOT_FOUND, "Not found: " + exchange.request().method().name() + " " + rawPath);
  }
}
