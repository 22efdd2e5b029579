package dev.claudebedrock.proxy.gateway.cache;

import dev.claudebedrock.proxy.config.CacheConfig;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Locale;

/**
 * The exact-match response cache. Only requests whose answer is meant to be the same every time
 * take part: {@code temperature: 0} without extended thinking, or requests that ask for it with
 * {@code x-gateway-cache: use} ({@code bypass} keeps a request out). A semantic cache would
 * replay stale answers into agent loops, so nothing but an identical request ever matches.
 * A hit is answered without calling Bedrock, a stream replayed as the same events; a miss is
 * stored once it completed normally. Answers carry {@code x-cache: HIT} or {@code MISS}.
 */
public final class CacheLookup implements Interceptor {
  /** Request header with which a client opts a request in ({@code use}) or out ({@code bypass}). */
  public static final String CONTROL_HEADER = "x-gateway-cache";
  /** Response header telling whether the answer came from the cache. */
  public static final String RESULT_HEADER = "x-cache";
  /** Partition of entries shared by every client. */
  static final String SHARED = "*";

  private final CacheConfig config;
  private final AnswerStore store;

  public CacheLookup(CacheConfig config, AnswerStore store) {
    this.config = config;
    this.store = store;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    if (!cacheable(exchange, request)) {
      return chain.proceed();
    }
    String partition = config.shared() ? SHARED : exchange.get(Identity.KEY).key();
    String key = CacheKey.of(partition, request.body(), request.betaHeaders());
    return store.get(key).compose(hit -> {
      exchange.listener().cacheLookup(exchange, hit != null);
      exchange.facts().cacheResult(hit != null ? "hit" : "miss");
      if (hit != null && hit.streamed() == request.stream()) {
        return Future.succeededFuture(replay(hit));
      }
      return chain.proceed().map(reply -> record(key, reply));
    });
  }

  private boolean cacheable(Exchange exchange, MessagesRequest request) {
    if (!config.enabled()) {
      return false;
    }
    String control = exchange.request().getHeader(CONTROL_HEADER);
    String wish = control == null ? "" : control.strip().toLowerCase(Locale.ROOT);
    if (wish.equals("bypass")) {
      return false;
    }
    if (wish.equals("use")) {
      return true;
    }
    return config.mode() == CacheConfig.Mode.DETERMINISTIC && deterministic(request);
  }

  /** {@code temperature: 0} and no extended thinking: the model's answer is meant to be the same each time. */
  static boolean deterministic(MessagesRequest request) {
    Double temperature = request.temperature();
    return temperature != null && temperature == 0.0 && !request.thinking();
  }

  private static Reply replay(CachedAnswer answer) {
    MultiMap headers = HttpHeaders.headers().add(RESULT_HEADER, "HIT");
    if (answer.streamed()) {
      return new Reply.Events(200, headers, new ReplayEventSource(answer.events()));
    }
    return new Reply.Complete(200, headers.add("content-type", "application/json"), answer.json().copy());
  }

  private Reply record(String key, Reply reply) {
    int maxBytes = config.maxEntryKb() * 1024;
    return switch (reply) {
      case Reply.Complete complete when complete.status() == 200 -> {
        if (complete.body().length() <= maxBytes) {
          store.put(key, CachedAnswer.ofJson(complete.body().copy()));
        }
        yield withMiss(complete.headers(), reply);
      }
      case Reply.Events events when events.status() == 200 -> new Reply.Events(200, missHeaders(events.headers()),
          new RecordingEventSource(events.source(), maxBytes,
              recorded -> store.put(key, CachedAnswer.ofEvents(recorded))));
      default -> withMiss(reply.headers(), reply);
    };
  }

  private static Reply withMiss(MultiMap headers, Reply reply) {
    if (headers != null) {
      headers.set(RESULT_HEADER, "MISS");
    }
    return reply;
  }

  private static MultiMap missHeaders(MultiMap headers) {
    MultiMap result = headers == null ? HttpHeaders.headers() : headers;
    return result.set(RESULT_HEADER, "MISS");
  }
}
