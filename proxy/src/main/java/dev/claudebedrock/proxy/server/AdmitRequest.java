package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.Identity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Admission control: the request waits for a place among the requests the gateway serves at once ({@link
 * Admission}), and holds it until its response is over, streams included. Refused (queue full, or no place within
 * the queue timeout), it gets 529 {@code overloaded_error} with {@code retry-after}; refused because its own key
 * holds its cap of places, 429 {@code rate_limit_error} with {@code retry-after} (the route's dialect shapes both),
 * and the listener hears {@link RequestListener#shed}.
 *
 * <p>It stands after authentication (a key's share needs the key, and unauthenticated requests never take a place)
 * and before the body is read (a waiting request's body stays in its socket).
 */
public final class AdmitRequest implements Interceptor {
  private final Vertx vertx;
  private final Admission admission;

  public AdmitRequest(Vertx vertx, Admission admission) {
    this.vertx = vertx;
    this.admission = admission;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    Identity identity = exchange.find(Identity.KEY);
    Admission.Permit permit = admission.acquire(vertx, identity == null ? "" : identity.keyId());
    exchange.onFinish(permit::release);
    exchange.onClientClose(permit::release);
    if (permit.granted().succeeded()) {
      return chain.proceed();
    }
    // Waiting: the body stays in the socket until the stages that read it are in place.
    exchange.holdBody();
    return permit.granted().transform(granted -> {
      if (granted.succeeded()) {
        Future<Reply> reply = chain.proceed();
        exchange.releaseBody();
        return reply;
      }
      exchange.releaseBody();
      Admission.Shed reason = granted.cause() instanceof Admission.Refused refused ? refused.reason() : null;
      if (reason == null) {
        // The client left while waiting: nothing to answer; the writer records it as abandoned.
        return Future.succeededFuture(new Reply.Complete(499, null, Buffer.buffer()));
      }
      exchange.listener().shed(exchange, reason.label());
      return Future.failedFuture(admission.refusal(reason).exception());
    });
  }
}
