package dev.claudebedrock.proxy.server;

import io.vertx.core.Future;
import java.util.List;

/**
 * An ordered list of {@link Interceptor}s, and the wire dialect its clients speak: the last stage
 * must answer without calling {@code proceed()}.
 */
public final class RequestPath {
  private final String name;
  private final WireDialect dialect;
  private final List<Interceptor> stages;

  public RequestPath(String name, WireDialect dialect, List<Interceptor> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a request path needs at least one stage");
    }
    this.name = name;
    this.dialect = dialect;
    this.stages = List.copyOf(stages);
  }

  /** The route label of this path (metrics and logs). */
  public String name() {
    return name;
  }

  /** How errors and streams look to this path's clients. */
  public WireDialect dialect() {
    return dialect;
  }

  /** The stages, outermost first. */
  public List<Interceptor> stages() {
    return stages;
  }

  /** Runs the exchange through every stage. */
  public Future<Reply> run(Exchange exchange) {
    return new Link(exchange, 0).proceed();
  }

  private final class Link implements Interceptor.Chain {
    private final Exchange exchange;
    private final int index;

    Link(Exchange exchange, int index) {
      this.exchange = exchange;
      this.index = index;
    }

    @Override
    public Exchange exchange() {
      return exchange;
    }

    @Override
    public Future<Reply> proceed() {
      if (index >= stages.size()) {
        return Future.failedFuture(new IllegalStateException("the last stage of " + name + " called proceed()"));
      }
      try {
        return stages.get(index).intercept(new Link(exchange, index + 1));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
  }
}
