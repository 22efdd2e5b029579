package dev.claudebedrock.proxy.gateway.cache;

import dev.claudebedrock.proxy.core.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * An answer kept for replay: the JSON message of a non-streaming request, or the events of a
 * streaming one, exactly as the client first received them.
 *
 * @param json the message body, or null for a stream
 * @param events the stream events, or empty for a JSON answer
 */
public record CachedAnswer(Buffer json, List<StreamEvent> events) {

  public CachedAnswer {
    events = List.copyOf(events);
  }

  /** A non-streaming answer. */
  public static CachedAnswer ofJson(Buffer json) {
    return new CachedAnswer(json, List.of());
  }

  /** A streamed answer. */
  public static CachedAnswer ofEvents(List<StreamEvent> events) {
    return new CachedAnswer(null, events);
  }

  /** Whether this is a streamed answer. */
  public boolean streamed() {
    return json == null;
  }

  /** Approximate size in bytes, for the cache's size bound. */
  public int size() {
    if (json != null) {
      return json.length();
    }
    int size = 0;
    for (StreamEvent event : events) {
      size += event.type().length() + event.json().length() + 16;
    }
    return size;
  }
}
