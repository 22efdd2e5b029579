package dev.claudebedrock.sim.stream;

import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.reply.InvocationMetrics;
import dev.claudebedrock.sim.reply.StreamEvents;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/** InvokeModelWithResponseStream's framing: chunk frames with padding, exception frames. */
public final class EventStreamFraming implements StreamFraming {
  private final Padding padding;

  /** A framing padding each chunk as Bedrock does. */
  public EventStreamFraming(Padding padding) {
    this.padding = padding;
  }

  @Override
  public void headers(HttpServerResponse response) {
    response.putHeader("Content-Type", "application/vnd.amazon.eventstream")
        .putHeader("X-Amzn-Bedrock-Content-Type", "application/json");
  }

  @Override
  public byte[] event(String type, byte[] eventJson, int index) {
    return EventStreamFrames.chunk(eventJson, padding.forEvent(index));
  }

  @Override
  public byte[] messageStop(InvocationMetrics metrics, int index) {
    return EventStreamFrames.chunk(StreamEvents.messageStop(metrics), padding.forEvent(index));
  }

  @Override
  public byte[] exception(StreamExceptionType type, String message, Map<String, Object> fields) {
    return EventStreamFrames.exception(type, message, fields);
  }
}
