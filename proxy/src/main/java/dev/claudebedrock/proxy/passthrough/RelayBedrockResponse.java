package dev.claudebedrock.proxy.passthrough;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.RequestFacts;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Hands Bedrock's answer back as it came — status, body or frames, Bedrock's headers, errors
 * untouched — and reads the token usage on the way for the metrics and the access log.
 */
public final class RelayBedrockResponse implements Interceptor {
  private final Metrics metrics;

  public RelayBedrockResponse(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    return chain.proceed().map(reply -> switch (reply) {
      case Reply.Complete complete -> {
        readUsageHeaders(complete.headers(), exchange.facts());
        if (exchange.facts().cacheWriteTokens() > 0) {
          readCacheLifetimes(complete.body(), exchange.facts());
        }
        yield new Reply.Complete(complete.status(), ForwardedHeaders.towardsClient(complete.headers()), complete.body());
      }
      case Reply.Streamed streamed -> {
        String operation = exchange.get(BedrockCall.KEY).operation().label();
        String target = exchange.get(Plan.KEY).steps().get(0).target().name();
        yield new Reply.Streamed(streamed.status(), ForwardedHeaders.towardsClient(streamed.headers()), streamed.body(),
            new FrameUsage(exchange.facts(), error -> metrics.upstreamError(operation, target, error.type())));
      }
      case Reply.Events events -> events;
    });
  }

  /** The headers give one cache-write count; the body's usage splits it into 5-minute and 1-hour writes. */
  private static void readCacheLifetimes(io.vertx.core.buffer.Buffer body, RequestFacts facts) {
    try {
      dev.claudebedrock.proxy.invoke.UsageRecorder.fromUsage(
          dev.claudebedrock.proxy.core.Json.MAPPER.readTree(body.getBytes()).get("usage"), facts);
    } catch (java.io.IOException e) {
      // Accounting only: the body reached the client untouched either way.
    }
  }

  /** InvokeModel reports usage in headers, so the body need not be parsed (unless the cache was written). */
  private static void readUsageHeaders(MultiMap headers, RequestFacts facts) {
    copy(headers, "x-amzn-bedrock-input-token-count", facts::inputTokens);
    copy(headers, "x-amzn-bedrock-output-token-count", facts::outputTokens);
    copy(headers, "x-amzn-bedrock-cache-read-input-token-count", facts::cacheReadTokens);
    copy(headers, "x-amzn-bedrock-cache-write-input-token-count", facts::cacheWriteTokens);
  }

  private static void copy(MultiMap headers, String name, java.util.function.LongFunction<RequestFacts> setter) {
    String value = headers.get(name);
    if (value != null) {
      try {
        setter.apply(Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        // Not a count: leave the fact unknown.
      }
    }
  }
}
