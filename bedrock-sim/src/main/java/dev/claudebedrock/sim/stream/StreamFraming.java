package dev.claudebedrock.sim.stream;

import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.reply.InvocationMetrics;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * How a stream of Anthropic events looks on the wire: Bedrock's event-stream frames on InvokeModelWithResponseStream,
 * server-sent events on the Messages API.
 */
public interface StreamFraming {
  /** Sets the content type and any further headers of a stream's response. */
  void headers(HttpServerResponse response);

  /** The bytes of one event (the {@code index}-th of the stream); {@code type} is its {@code "type"}. */
  byte[] event(String type, byte[] eventJson, int index);

  /** The last event, {@code message_stop}, once the invocation's metrics are known. */
  byte[] messageStop(InvocationMetrics metrics, int index);

  /** An error that ends the stream. */
  byte[] exception(StreamExceptionType type, String message, Map<String, Object> fields);
}
