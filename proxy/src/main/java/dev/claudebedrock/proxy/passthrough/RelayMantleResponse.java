package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.gateway.UsageRecorder;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Hands the native Messages API's answer back as it came (status, body or events, its content type, ids, errors
 * untouched) and reads the token usage on the way, from the message or from a copy of the events.
 */
public final class RelayMantleResponse implements Interceptor {

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    return chain.proceed().map(reply -> switch (reply) {
      case Reply.Complete complete -> {
        if (complete.status() < 300) {
          readUsage(complete.body(), exchange);
        }
        yield new Reply.Complete(complete.status(), ForwardedHeaders.towardsClient(complete.headers()),
            complete.body());
      }
      case Reply.Streamed streamed -> new Reply.Streamed(streamed.status(),
          ForwardedHeaders.towardsClient(streamed.headers()), streamed.body(), new EventUsage(exchange));
      case Reply.Events events -> events;
    });
  }

  private static void readUsage(Buffer body, Exchange exchange) {
    try {
      JsonNode message = Json.MAPPER.readTree(body.getBytes());
      if (message != null) {
        UsageRecorder.fromUsage(message.get("usage"), exchange);
        UsageRecorder.fromStopReason(message.get("stop_reason"), exchange);
      }
    } catch (IOException e) {
      // Accounting only: the body reached the client untouched either way.
    }
  }
}
