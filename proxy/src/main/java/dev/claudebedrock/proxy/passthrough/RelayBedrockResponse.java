package dev.claudebedrock.proxy.passthrough;

import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.Usage;
import dev.claudebedrock.proxy.gateway.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Hands Bedrock's answer back as it came — status, body or frames, Bedrock's headers, errors
 * untouched — and reads the token usage on the way for the request's listener.
 */
public final class RelayBedrockResponse implements Interceptor {

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    return chain.proceed().map(reply -> switch (reply) {
      case Reply.Complete complete -> {
        Usage usage = readUsageHeaders(complete.headers(), exchange);
        if (usage.cacheWrite() > 0) {
          readCacheLifetimes(complete.body(), exchange);
        }
        yield new Reply.Complete(complete.status(), ForwardedHeaders.towardsClient(complete.headers()),
            complete.body());
      }
      case Reply.Streamed streamed -> new Reply.Streamed(streamed.status(),
          ForwardedHeaders.towardsClient(streamed.headers()), streamed.body(), new FrameUsage(exchange));
      case Reply.Events events -> events;
    });
  }

  /** InvokeModel reports usage in headers, so the body need not be parsed (unless the cache was written). */
  private static Usage readUsageHeaders(MultiMap headers, Exchange exchange) {
    Usage usage = new Usage(count(headers, "x-amzn-bedrock-input-token-count"),
        count(headers, "x-amzn-bedrock-output-token-count"),
        count(headers, "x-amzn-bedrock-cache-read-input-token-count"),
        count(headers, "x-amzn-bedrock-cache-write-input-token-count"), -1);
    if (!usage.isEmpty()) {
      exchange.listener().usage(exchange, usage);
    }
    return usage;
  }

  /** The headers give one cache-write count; the body's usage splits it into 5-minute and 1-hour writes. */
  private static void readCacheLifetimes(Buffer body, Exchange exchange) {
    try {
      UsageRecorder.fromUsage(Json.MAPPER.readTree(body.getBytes()).get("usage"), exchange);
    } catch (IOException e) {
      // Accounting only: the body reached the client untouched either way.
    }
  }

  private static long count(MultiMap headers, String name) {
    String value = headers.get(name);
    if (value != null) {
      try {
        return Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        // Not a count: leave it unknown.
      }
    }
    return -1;
  }
}
