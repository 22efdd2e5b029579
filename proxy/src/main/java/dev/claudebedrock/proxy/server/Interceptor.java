package dev.claudebedrock.proxy.server;

import io.vertx.core.Future;

/**
 * One stage of a request path: it answers the exchange itself, or hands it to the next stage with
 * {@link Chain#proceed()} and may look at (or replace) what comes back.
 */
@FunctionalInterface
public interface Interceptor {

  /** Runs this stage. */
  Future<Reply> intercept(Chain chain);

  /** The rest of the request path as seen from one stage. */
  interface Chain {

    /** The request travelling through the path. */
    Exchange exchange();

    /** Runs the next stages; may be called again to retry them. */
    Future<Reply> proceed();
  }
}
